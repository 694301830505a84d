package io.timetravel.domain;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import org.junit.jupiter.api.Test;

class StateDiffTest {

    @Test
    void classifiesAddedChangedAndRemovedFields() {
        StateDiff diff = StateDiff.between(json("{\"a\":1,\"b\":2,\"c\":3}"), json("{\"a\":1,\"b\":20,\"d\":4}"));

        assertEquals(json("{\"d\":4}"), diff.added());
        assertEquals(json("{\"b\":{\"from\":2,\"to\":20}}"), diff.changed());
        assertEquals(json("{\"c\":3}"), diff.removed());
    }

    @Test
    void nestedObjectsAreComparedMemberByMemberWithDottedPaths() {
        StateDiff diff = StateDiff.between(
                json("{\"address\":{\"city\":\"London\",\"zip\":\"N1\",\"geo\":{\"lat\":1}}}"),
                json("{\"address\":{\"city\":\"Paris\",\"geo\":{\"lat\":1,\"lon\":2}}}"));

        assertEquals(json("{\"address.city\":{\"from\":\"London\",\"to\":\"Paris\"}}"), diff.changed());
        assertEquals(json("{\"address.zip\":\"N1\"}"), diff.removed());
        assertEquals(json("{\"address.geo.lon\":2}"), diff.added());
    }

    @Test
    void arraysAndTypeChangesAreComparedWhole() {
        StateDiff diff = StateDiff.between(json("{\"tags\":[1,2],\"x\":{\"a\":1}}"), json("{\"tags\":[1,3],\"x\":\"flat\"}"));

        assertEquals(json("{\"tags\":{\"from\":[1,2],\"to\":[1,3]},\"x\":{\"from\":{\"a\":1},\"to\":\"flat\"}}"), diff.changed());
    }

    @Test
    void equalStatesHaveAnEmptyDiffEvenWhenNumbersAreSpelledDifferently() {
        assertTrue(StateDiff.between(json("{\"p\":1.50,\"n\":{\"x\":[1]}}"), json("{\"p\":1.5,\"n\":{\"x\":[1]}}")).isEmpty());
    }

    @Test
    void fromNothingEverythingIsAdded() {
        StateDiff diff = StateDiff.between(JsonObject.empty(), json("{\"a\":{\"b\":1}}"));

        assertEquals(json("{\"a\":{\"b\":1}}"), diff.added());
        assertEquals(json("{\"added\":{\"a\":{\"b\":1}},\"changed\":{},\"removed\":{}}"), diff.toJson());
    }
}
