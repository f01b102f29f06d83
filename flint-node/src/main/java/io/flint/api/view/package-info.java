/**
 * The JSON the HTTP API produces, one record per shape, named for it. Components are camelCase
 * here and snake_case in JSON ({@link io.flint.api.ApiJson}); amounts are decimal coin strings.
 */
package io.flint.api.view;
