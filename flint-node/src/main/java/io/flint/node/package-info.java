/**
 * Wiring: configuration (config.json, flags, environment), lifecycle, the event-loop thread that owns protocol and chain state, worker pools for validation and mining.
 */
package io.flint.node;
