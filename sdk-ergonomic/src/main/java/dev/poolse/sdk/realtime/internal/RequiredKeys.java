package dev.poolse.sdk.realtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolse.client.ModelRequiredProperties;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a realtime payload must carry to be read as a given type, as the specs mark them
 * {@code required}. Jackson reads a missing key and an explicit {@code null} alike, and several
 * required properties are nullable (a message's {@code body}), so only a key check tells a
 * payload that is not of the type from one that is.
 *
 * <p>Both generators publish the lists, so nothing here repeats the specs: the AsyncAPI records
 * carry a {@code REQUIRED_PROPERTIES} constant, and the OpenAPI models (whose classes come from
 * OpenAPI Generator's own templates) are listed in {@link ModelRequiredProperties}. Each type's
 * list is resolved once, with one reflective read for a record, and kept as an array, so the
 * check per event is a loop of map lookups on the already parsed payload.
 */
final class RequiredKeys {
    private static final String RECORD_CONSTANT = "REQUIRED_PROPERTIES";

    private static final ClassValue<String[]> BY_TYPE = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return resolve(type);
        }
    };

    private RequiredKeys() {}

    /**
     * The required keys of a payload type.
     *
     * @param type a generated event record or OpenAPI model
     * @return the keys, shared: callers must not modify the array
     * @throws IllegalArgumentException when neither generator lists the type (a programming error)
     */
    static String[] of(Class<?> type) {
        return BY_TYPE.get(type);
    }

    /**
     * The required keys that a payload lacks; a key holding {@code null} counts as present.
     *
     * @param payload the parsed payload
     * @param required the keys from {@link #of(Class)}
     * @return the missing keys in list order; empty when none is missing
     */
    static List<String> missing(JsonNode payload, String[] required) {
        List<String> missing = null;
        for (String key : required) {
            if (!payload.has(key)) {
                if (missing == null) {
                    missing = new ArrayList<>(2);
                }
                missing.add(key);
            }
        }
        return missing == null ? List.of() : missing;
    }

    private static String[] resolve(Class<?> type) {
        List<String> model = ModelRequiredProperties.of(type);
        if (model != null) {
            return model.toArray(new String[0]);
        }
        try {
            Field constant = type.getField(RECORD_CONSTANT);
            if (Modifier.isStatic(constant.getModifiers()) && List.class.isAssignableFrom(constant.getType())) {
                List<?> keys = (List<?>) constant.get(null);
                return keys.stream().map(String.class::cast).toArray(String[]::new);
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalArgumentException("no required-property list for " + type.getName(), e);
        }
        throw new IllegalArgumentException("no required-property list for " + type.getName());
    }
}
