package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.flint.p2p.LogLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tx-interval} says once why it pays nothing (no peer yet, no coins yet) instead of
 * staying silent at INFO while the operator waits for payments; then it pays.
 */
class PaymentGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void aNodeThatCannotPayYetSaysWhyOnceThenPays() {
        try (LogLines log = new LogLines("io.flint.node.PaymentGenerator");
                ApiNode payer = new ApiNode("payer", dir.resolve("payer"), ApiOptions.DEFAULTS, List.of(), 0,
                        b -> b.txInterval = Optional.of(Duration.ofMillis(50)))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.at(Level.INFO, "no peer to pay yet").isEmpty());
            try (ApiNode payee = new ApiNode("payee", dir.resolve("payee"), ApiOptions.DEFAULTS)) {
                payer.node.addPeer(payee.node.advertisedEndpoint());
                await().atMost(Duration.ofSeconds(15)).until(() -> !log.at(Level.INFO, "no spendable coins yet").isEmpty());
                assertThat(log.at(Level.INFO, "not paying")).as("each reason once, not every 50 ms").hasSize(2);
                payer.mine(11); // the first reward matures
                await().atMost(Duration.ofSeconds(15)).until(() -> !log.at(Level.INFO, "to peer payee").isEmpty());
                assertThat(log.at(Level.INFO, "not paying")).hasSize(2);
            }
        }
    }
}
