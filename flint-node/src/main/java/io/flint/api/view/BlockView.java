package io.flint.api.view;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * {@code GET /blocks/{id}}: the summary's fields, where it stands (on the best chain, confirmations, the
 * next block's hash on the best chain or null, the next on the block's own branch or null) and
 * every transaction decoded.
 */
public record BlockView(@JsonUnwrapped BlockSummaryView summary, boolean onBestChain, long confirmations,
        String next, String nextOnBranch, List<TxView> transactions) {
    public BlockView {
        transactions = List.copyOf(transactions);
    }
}
