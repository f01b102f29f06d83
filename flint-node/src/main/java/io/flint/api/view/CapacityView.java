package io.flint.api.view;

import java.util.List;

/**
 * {@code GET /capacity}: the simulated sending capacity now and its history in messages per second (0 =
 * unlimited; {@code simulated} false when link simulation is off).
 */
public record CapacityView(boolean simulated, double current, List<CapacitySampleView> history) {
    public CapacityView {
        history = List.copyOf(history);
    }
}
