package io.timetravel.http.versioning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The differences between two versions' declared schemas, split into what breaks a client of the
 * older version and what does not. The rules, from the older client's side:
 * <ul>
 *   <li>an endpoint added is not breaking; one removed is (and so is answering fewer methods);</li>
 *   <li>a newly required request header is breaking; one no longer required is not;</li>
 *   <li>the same situation answered with another status is breaking;</li>
 *   <li>a response property added is not breaking; one removed, one that may now be absent, or one
 *       whose type changed (including widening: a client expecting strings breaks on numbers) is;</li>
 *   <li>a new kind of answer is not breaking; a success that is no longer given is, a refusal no
 *       longer given is not.</li>
 * </ul>
 */
public final class SchemaDiff {

    /** The differences, each a sentence such as {@code GET /records/{id} 200: property version added}. */
    public record Changes(List<String> breaking, List<String> nonBreaking) {

        public Changes {
            breaking = List.copyOf(breaking);
            nonBreaking = List.copyOf(nonBreaking);
        }
    }

    private final Set<String> breaking = new LinkedHashSet<>();
    private final Set<String> nonBreaking = new LinkedHashSet<>();

    private SchemaDiff() {
    }

    public static Changes between(ApiSchema older, ApiSchema newer) {
        SchemaDiff diff = new SchemaDiff();
        diff.compare(older, newer);
        return new Changes(new ArrayList<>(diff.breaking), new ArrayList<>(diff.nonBreaking));
    }

    private void compare(ApiSchema older, ApiSchema newer) {
        Set<Endpoint> matched = new HashSet<>();
        for (EndpointSchema before : older.endpoints()) {
            Endpoint endpoint = before.endpoint();
            EndpointSchema after = newer.find(endpoint)
                    .or(() -> newer.find(new Endpoint(Endpoint.ANY, endpoint.path())))
                    .orElse(null);
            if (after != null) {
                matched.add(after.endpoint());
                compare(before, after);
                continue;
            }
            List<EndpointSchema> narrower = endpoint.method().equals(Endpoint.ANY) ? newer.atPath(endpoint.path()) : List.of();
            if (narrower.isEmpty()) {
                breaking.add(endpoint + " removed");
                continue;
            }
            breaking.add(endpoint + ": only " + String.join(", ", narrower.stream().map(e -> e.endpoint().method()).toList())
                    + " answered now");
            for (EndpointSchema specific : narrower) {
                matched.add(specific.endpoint());
                compare(before, specific);
            }
        }
        for (EndpointSchema after : newer.endpoints()) {
            if (!matched.contains(after.endpoint())) {
                nonBreaking.add(after.endpoint() + " added");
            }
        }
    }

    private void compare(EndpointSchema before, EndpointSchema after) {
        String label = after.endpoint().toString();
        for (String header : after.requiredHeaders()) {
            if (!before.requires(header)) {
                breaking.add(label + ": requires header " + header);
            }
        }
        for (String header : before.requiredHeaders()) {
            if (!after.requires(header)) {
                nonBreaking.add(label + ": no longer requires header " + header);
            }
        }
        for (ResponseCase was : before.responses()) {
            ResponseCase now = after.response(was.name()).orElse(null);
            if (now == null) {
                (was.success() ? breaking : nonBreaking).add(label + ": no longer answers " + was.status() + " for " + was.name());
                continue;
            }
            if (now.status() != was.status()) {
                breaking.add(label + ": " + was.name() + " answers " + now.status() + " instead of " + was.status());
            }
            compareBodies(label + " " + now.status(), null, was.body(), now.body());
        }
        for (ResponseCase now : after.responses()) {
            if (before.response(now.name()).isEmpty()) {
                nonBreaking.add(label + ": answers " + now.status() + " for " + now.name());
            }
        }
    }

    /** {@code property} is the dotted path of the property being compared, {@code null} for the whole body. */
    private void compareBodies(String label, String property, Schema before, Schema after) {
        String subject = property == null ? "body" : "property " + property;
        if (!before.describe().equals(after.describe())) {
            breaking.add(label + ": " + subject + " changed from " + before.describe() + " to " + after.describe());
            return;
        }
        if (property != null && before.isOptional() != after.isOptional()) {
            (after.isOptional() ? breaking : nonBreaking).add(label + ": " + subject
                    + (after.isOptional() ? " may be absent" : " always present"));
        }
        before.properties().forEach((name, was) -> {
            Schema now = after.properties().get(name);
            if (now == null) {
                breaking.add(label + ": property " + join(property, name) + " removed");
            } else {
                compareBodies(label, join(property, name), was, now);
            }
        });
        after.properties().forEach((name, now) -> {
            if (!before.properties().containsKey(name)) {
                nonBreaking.add(label + ": property " + join(property, name) + " added");
            }
        });
        if (before.elements() != null && after.elements() != null) {
            String items = (property == null ? "" : property) + (before.isArray() ? "[]" : ".*");
            compareBodies(label, items, before.elements(), after.elements());
        }
    }

    private static String join(String parent, String name) {
        return parent == null ? name : parent + "." + name;
    }
}
