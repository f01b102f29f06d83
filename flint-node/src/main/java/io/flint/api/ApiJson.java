package io.flint.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The API's JSON conventions in one place: record components in camelCase become snake_case
 * keys ({@code difficultyBits} -> {@code difficulty_bits}); unknown request fields are ignored;
 * amounts travel as decimal coin strings ("12.5"), with integer {@code *_units} beside them
 * where a client computes with them.
 */
public final class ApiJson {
    private ApiJson() {}

    /** A new mapper with the API's conventions (mappers are thread-safe once configured). */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    /** Compact JSON of a value made of records, maps, lists, strings and numbers. */
    static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
