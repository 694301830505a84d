package io.timetravel.http.versioning;

import static io.timetravel.http.versioning.Schema.any;
import static io.timetravel.http.versioning.Schema.arrayOf;
import static io.timetravel.http.versioning.Schema.int32;
import static io.timetravel.http.versioning.Schema.int64;
import static io.timetravel.http.versioning.Schema.mapOf;
import static io.timetravel.http.versioning.Schema.object;
import static io.timetravel.http.versioning.Schema.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonParser;
import io.timetravel.http.versioning.SchemaDiff.Changes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The differ behind {@code GET /api/versions}: which schema changes break an older client and which do not. */
class SchemaDiffTest {

    private static final Schema ERROR = object().with("error", string());
    private static final Schema ITEM = object().with("id", int64()).with("name", string());

    private static ApiSchema api(Schema body) {
        return ApiSchema.of(EndpointSchema.of("GET", "/items/{id}")
                .answers("item found", 200, body)
                .answers("missing item", 404, ERROR));
    }

    @Test
    void identicalSchemasHaveNoDifferences() {
        Changes changes = SchemaDiff.between(api(ITEM), api(ITEM));

        assertEquals(List.of(), changes.breaking());
        assertEquals(List.of(), changes.nonBreaking());
    }

    @Test
    void addingAFieldToAResponseIsNotBreaking() {
        Changes changes = SchemaDiff.between(api(ITEM), api(ITEM.with("price", int64())));

        assertEquals(List.of(), changes.breaking());
        assertEquals(List.of("GET /items/{id} 200: property price added"), changes.nonBreaking());
    }

    @Test
    void removingAFieldIsBreaking() {
        Changes changes = SchemaDiff.between(api(ITEM), api(object().with("id", int64())));

        assertEquals(List.of("GET /items/{id} 200: property name removed"), changes.breaking());
        assertEquals(List.of(), changes.nonBreaking());
    }

    @Test
    void changingAFieldsTypeIsBreakingEvenWhenItWidens() {
        Changes narrowToWide = SchemaDiff.between(api(object().with("id", int32()).with("tags", mapOf(string()))),
                api(object().with("id", int64()).with("tags", mapOf(any()))));

        assertEquals(List.of(
                "GET /items/{id} 200: property id changed from integer (int32) to integer (int64)",
                "GET /items/{id} 200: property tags changed from object of string to object of any"), narrowToWide.breaking());
    }

    @Test
    void nestedAndArrayItemFieldsAreNamedByTheirPath() {
        Schema before = object().with("owner", object().with("name", string())).with("items", arrayOf(ITEM));
        Schema after = object().with("owner", object().with("name", string()).with("email", string()))
                .with("items", arrayOf(object().with("id", int64())));

        Changes changes = SchemaDiff.between(api(before), api(after));

        assertEquals(List.of("GET /items/{id} 200: property items[].name removed"), changes.breaking());
        assertEquals(List.of("GET /items/{id} 200: property owner.email added"), changes.nonBreaking());
    }

    @Test
    void aFieldThatMayNowBeAbsentIsBreakingAndOneAlwaysPresentNowIsNot() {
        Changes optionalNow = SchemaDiff.between(api(ITEM), api(object().with("id", int64()).with("name", string().optional())));
        Changes requiredNow = SchemaDiff.between(api(object().with("id", int64()).with("name", string().optional())), api(ITEM));

        assertEquals(List.of("GET /items/{id} 200: property name may be absent"), optionalNow.breaking());
        assertEquals(List.of("GET /items/{id} 200: property name always present"), requiredNow.nonBreaking());
        assertEquals(List.of(), requiredNow.breaking());
    }

    @Test
    void theSameSituationAnsweredWithAnotherStatusIsBreaking() {
        ApiSchema before = ApiSchema.of(EndpointSchema.of("GET", "/items/{id}")
                .answers("item found", 200, ITEM).answers("missing item", 400, ERROR));

        Changes changes = SchemaDiff.between(before, api(ITEM));

        assertEquals(List.of("GET /items/{id}: missing item answers 404 instead of 400"), changes.breaking());
    }

    @Test
    void endpointsAddedAreNotBreakingAndEndpointsRemovedAre() {
        ApiSchema before = api(ITEM).plus(EndpointSchema.of("DELETE", "/items/{id}").answers("item deleted", 204, ERROR));
        ApiSchema after = api(ITEM).plus(EndpointSchema.of("GET", "/items").answers("items listed", 200, arrayOf(ITEM)));

        Changes changes = SchemaDiff.between(before, after);

        assertEquals(List.of("DELETE /items/{id} removed"), changes.breaking());
        assertEquals(List.of("GET /items added"), changes.nonBreaking());
    }

    @Test
    void aNewlyRequiredHeaderIsBreaking() {
        ApiSchema after = new ApiSchema(List.of(new EndpointSchema(new Endpoint("GET", "/items/{id}"), List.of("X-User-ID"),
                api(ITEM).endpoints().get(0).responses())));

        Changes changes = SchemaDiff.between(api(ITEM), after);
        Changes back = SchemaDiff.between(after, api(ITEM));

        assertEquals(List.of("GET /items/{id}: requires header X-User-ID"), changes.breaking());
        assertEquals(List.of("GET /items/{id}: no longer requires header X-User-ID"), back.nonBreaking());
    }

    @Test
    void answeringOnlyGetWhereEveryMethodWasAnsweredIsBreaking() {
        ApiSchema before = ApiSchema.of(EndpointSchema.of(Endpoint.ANY, "/health").answers("healthy", 200, ITEM));
        ApiSchema after = ApiSchema.of(EndpointSchema.of("GET", "/health").answers("healthy", 200, ITEM));

        Changes changes = SchemaDiff.between(before, after);

        assertEquals(List.of("ANY /health: only GET answered now"), changes.breaking());
        assertEquals(List.of(), changes.nonBreaking());
    }

    @Test
    void aSuccessNoLongerGivenIsBreakingAndARefusalNoLongerGivenIsNot() {
        ApiSchema after = ApiSchema.of(EndpointSchema.of("GET", "/items/{id}").answers("item moved", 301, ERROR));

        Changes changes = SchemaDiff.between(api(ITEM), after);

        assertEquals(List.of("GET /items/{id}: no longer answers 200 for item found"), changes.breaking());
        assertEquals(List.of("GET /items/{id}: no longer answers 404 for missing item",
                "GET /items/{id}: answers 301 for item moved"), changes.nonBreaking());
    }

    @Test
    void v2ComparedWithV1ShowsTheNewFieldsAndTheMissingRecordStatus() {
        Changes changes = SchemaDiff.between(ApiSchemas.v1(), ApiSchemas.v2());

        assertTrue(changes.nonBreaking().contains("GET /records/{id} 200: property version added"), changes::toString);
        assertTrue(changes.nonBreaking().contains("GET /records/{id}/history added"), changes::toString);
        assertTrue(changes.breaking().contains("GET /records/{id}: missing record answers 404 instead of 400"), changes::toString);
        assertTrue(changes.breaking().contains("POST /records/{id}: record created answers 201 instead of 200"), changes::toString);
        assertTrue(changes.breaking().contains("GET /records/{id}: requires header X-User-ID"), changes::toString);
        assertTrue(changes.breaking().contains("GET /records/{id} 200: property data changed from object of string to object of any"),
                changes::toString);
    }

    @Test
    void schemasCheckRealBodies() throws Exception {
        Schema record = ApiSchemas.V1_RECORD;

        assertEquals(List.of(), SchemaCheck.problems(record, JsonParser.parseObject("{\"id\":1,\"data\":{\"k\":\"v\"}}")));
        assertEquals(List.of("body.id is 2147483648, expected integer (int32)", "body.data.k is number, expected string",
                "body.extra is not declared"), SchemaCheck.problems(record, JsonParser.parseObject("{\"id\":2147483648,\"data\":{\"k\":1},\"extra\":1}")));
        assertEquals(List.of("body.data is missing"), SchemaCheck.problems(record, JsonParser.parseObject("{\"id\":1}")));
    }
}
