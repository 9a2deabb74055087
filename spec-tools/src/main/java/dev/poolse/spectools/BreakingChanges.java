package dev.poolse.spectools;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeader;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOneOfSchema;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;

/**
 * Turns an openapi-diff result into one sentence per incompatible change.
 *
 * <p>openapi-diff computes the verdict; this class only names what caused it, walking the same
 * tree (operation, parameters, request body, responses, media types, schemas) and reporting the
 * incompatible leaves. A node that is incompatible for a reason not named below is still reported,
 * with a generic sentence, so no breaking change is ever dropped from the list.
 */
final class BreakingChanges {

    /**
     * One incompatible change.
     *
     * @param location the operation and the part of it, e.g. {@code GET /v1/me response 200}
     * @param message  what changed
     */
    record Change(String location, String message) {
    }

    private final List<Change> changes = new ArrayList<>();
    /**
     * The schema nodes on the current walk path. openapi-diff shares one ChangedSchema between
     * every place a component is used, and a recursive component contains itself; a node is
     * skipped only when it is its own ancestor, so a shared one is still reported at each use.
     */
    private final Set<Changed> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

    private BreakingChanges() {
    }

    /**
     * Lists the incompatible changes of a comparison.
     *
     * @param diff the comparison of the baseline (old) with the current document (new)
     * @return the changes, in document order; empty when the comparison is compatible
     * @throws NullPointerException if {@code diff} is null
     */
    static List<Change> describe(ChangedOpenApi diff) {
        Objects.requireNonNull(diff, "diff");
        BreakingChanges walker = new BreakingChanges();
        for (Endpoint endpoint : diff.getMissingEndpoints()) {
            walker.add(endpoint.getMethod() + " " + endpoint.getPathUrl(), "operation removed");
        }
        for (ChangedOperation operation : diff.getChangedOperations()) {
            walker.operation(operation);
        }
        if (isIncompatible(diff.getChangedExtensions())) {
            walker.add("(document)", "extensions changed incompatibly");
        }
        if (walker.changes.isEmpty() && diff.isIncompatible()) {
            walker.add("(document)", "openapi-diff reports an incompatible change it does not locate");
        }
        return List.copyOf(walker.changes);
    }

    private void operation(ChangedOperation op) {
        if (!isIncompatible(op)) {
            return;
        }
        String where = op.getHttpMethod() + " " + op.getPathUrl();
        int before = changes.size();
        parameters(where, op.getParameters());
        requestBody(where, op.getRequestBody());
        responses(where, op.getApiResponses());
        if (isIncompatible(op.getSecurityRequirements())) {
            add(where, "security requirements changed incompatibly");
        }
        if (isIncompatible(op.getExtensions())) {
            add(where, "extensions changed incompatibly");
        }
        if (changes.size() == before) {
            add(where, "operation changed incompatibly");
        }
    }

    private void parameters(String where, ChangedParameters parameters) {
        if (!isIncompatible(parameters)) {
            return;
        }
        for (Parameter removed : parameters.getMissing()) {
            add(where, "parameter removed: " + removed.getIn() + " '" + removed.getName() + "'");
        }
        for (Parameter added : parameters.getIncreased()) {
            if (Boolean.TRUE.equals(added.getRequired())) {
                add(where, "new required parameter: " + added.getIn() + " '" + added.getName() + "'");
            }
        }
        for (ChangedParameter changed : parameters.getChanged()) {
            if (!isIncompatible(changed)) {
                continue;
            }
            String at = where + " parameter " + changed.getIn() + " '" + changed.getName() + "'";
            int before = changes.size();
            if (changed.isChangeRequired() && changed.getNewParameter() != null
                    && Boolean.TRUE.equals(changed.getNewParameter().getRequired())) {
                add(at, "became required");
            }
            schema(at, changed.getSchema(), "");
            content(at, changed.getContent());
            if (changes.size() == before) {
                add(at, "changed incompatibly (style, explode or allowEmptyValue)");
            }
        }
    }

    private void requestBody(String where, ChangedRequestBody body) {
        if (!isIncompatible(body)) {
            return;
        }
        String at = where + " request body";
        int before = changes.size();
        if (body.isChangeRequired()) {
            add(at, "became required");
        }
        content(at, body.getContent());
        if (changes.size() == before) {
            add(at, "changed incompatibly");
        }
    }

    private void responses(String where, ChangedApiResponse responses) {
        if (!isIncompatible(responses)) {
            return;
        }
        for (String code : new TreeMap<>(responses.getMissing()).keySet()) {
            add(where, "response " + code + " removed");
        }
        for (Map.Entry<String, ChangedResponse> entry : new TreeMap<>(responses.getChanged()).entrySet()) {
            ChangedResponse response = entry.getValue();
            if (!isIncompatible(response)) {
                continue;
            }
            String at = where + " response " + entry.getKey();
            int before = changes.size();
            headers(at, response.getHeaders());
            content(at, response.getContent());
            if (changes.size() == before) {
                add(at, "changed incompatibly");
            }
        }
    }

    private void headers(String at, ChangedHeaders headers) {
        if (!isIncompatible(headers)) {
            return;
        }
        for (String name : new TreeMap<>(headers.getMissing()).keySet()) {
            add(at, "header '" + name + "' removed");
        }
        for (Map.Entry<String, ChangedHeader> entry : new TreeMap<>(headers.getChanged()).entrySet()) {
            ChangedHeader header = entry.getValue();
            if (!isIncompatible(header)) {
                continue;
            }
            String headerAt = at + " header '" + entry.getKey() + "'";
            int before = changes.size();
            schema(headerAt, header.getSchema(), "");
            content(headerAt, header.getContent());
            if (changes.size() == before) {
                add(headerAt, "changed incompatibly");
            }
        }
    }

    private void content(String at, ChangedContent content) {
        if (!isIncompatible(content)) {
            return;
        }
        for (String mediaType : new TreeMap<>(content.getMissing()).keySet()) {
            add(at, "media type " + mediaType + " removed");
        }
        for (Map.Entry<String, ChangedMediaType> entry : new TreeMap<>(content.getChanged()).entrySet()) {
            ChangedMediaType mediaType = entry.getValue();
            if (!isIncompatible(mediaType)) {
                continue;
            }
            int before = changes.size();
            schema(at + " " + entry.getKey(), mediaType.getSchema(), "");
            if (changes.size() == before) {
                add(at + " " + entry.getKey(), "changed incompatibly");
            }
        }
    }

    /**
     * Reports one schema's own incompatible changes, then recurses into properties, items,
     * additional properties and oneOf alternatives.
     *
     * @param path the schema path below the media type, e.g. {@code .author.id} or {@code [].id}
     */
    private void schema(String at, ChangedSchema schema, String path) {
        if (!isIncompatible(schema) || !onPath.add(schema)) {
            return;
        }
        try {
            schemaChanges(at, schema, path);
        } finally {
            onPath.remove(schema);
        }
    }

    private void schemaChanges(String at, ChangedSchema schema, String path) {
        String where = path.isEmpty() ? at : at + " schema " + path.substring(path.startsWith(".") ? 1 : 0);
        int before = changes.size();
        if (schema.isChangedType()) {
            add(where, "type changed from " + typeOf(schema.getOldSchema()) + " to " + typeOf(schema.getNewSchema()));
        }
        boolean response = schema.getContext() != null && schema.getContext().isResponse();
        Set<String> removed = new TreeSet<>(schema.getMissingProperties().keySet());
        if (response && isIncompatible(schema.isCoreChanged()) && !removed.isEmpty()) {
            add(where, "removed properties: " + String.join(", ", removed));
        }
        ChangedRequired required = schema.getRequired();
        if (isIncompatible(required)) {
            if (!required.getIncreased().isEmpty() && !response) {
                add(where, "properties became required: " + String.join(", ", required.getIncreased()));
            }
            // A removed property also leaves "required"; it is reported once, above.
            List<String> optional = required.getMissing().stream().filter(name -> !removed.contains(name)).toList();
            if (!optional.isEmpty() && response) {
                add(where, "properties no longer required, which clients rely on: " + String.join(", ", optional));
            }
        }
        if (isIncompatible(schema.getEnumeration())) {
            add(where, "enum changed: removed " + schema.getEnumeration().getMissing()
                    + ", added " + schema.getEnumeration().getIncreased());
        }
        if (isIncompatible(schema.getMaxLength())) {
            add(where, "maxLength changed from " + schema.getMaxLength().getOldValue()
                    + " to " + schema.getMaxLength().getNewValue());
        }
        if (isIncompatible(schema.getReadOnly())) {
            add(where, "readOnly changed");
        }
        if (isIncompatible(schema.getWriteOnly())) {
            add(where, "writeOnly changed");
        }
        if (schema.isDiscriminatorPropertyChanged()) {
            add(where, "discriminator property changed");
        }
        for (Map.Entry<String, ChangedSchema> property : new TreeMap<>(schema.getChangedProperties()).entrySet()) {
            schema(at, property.getValue(), path + "." + property.getKey());
        }
        schema(at, schema.getItems(), path + "[]");
        schema(at, schema.getAddProp(), path + "{}");
        ChangedOneOfSchema oneOf = schema.getOneOfSchema();
        if (isIncompatible(oneOf)) {
            if (!oneOf.getMissing().isEmpty()) {
                add(where, "oneOf alternatives removed: " + String.join(", ", new TreeMap<>(oneOf.getMissing()).keySet()));
            }
            for (Map.Entry<String, ChangedSchema> alt : new TreeMap<>(oneOf.getChanged()).entrySet()) {
                schema(at, alt.getValue(), path + "<" + alt.getKey() + ">");
            }
        }
        if (changes.size() == before && isIncompatible(schema.isCoreChanged())) {
            add(where, "schema changed incompatibly");
        }
    }

    private static String typeOf(Schema<?> schema) {
        return schema == null ? "(none)" : String.valueOf(schema.getType());
    }

    private static boolean isIncompatible(Changed changed) {
        return changed != null && changed.isIncompatible();
    }

    private static boolean isIncompatible(org.openapitools.openapidiff.core.model.DiffResult result) {
        return result != null && result.isIncompatible();
    }

    private void add(String location, String message) {
        changes.add(new Change(location, message));
    }
}
