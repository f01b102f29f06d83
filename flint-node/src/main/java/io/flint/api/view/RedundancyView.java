package io.flint.api.view;

import java.util.Map;

/**
 * {@code GET /redundancy}: redundant messages (already seen) in total and per message type, beside all
 * received per type (first sightings and repeats: the redundancy of a type is {@code per_type / received}).
 */
public record RedundancyView(long total, Map<String, Long> perType, Map<String, Long> received) {
    public RedundancyView {
        perType = Map.copyOf(perType);
        received = Map.copyOf(received);
    }
}
