package io.timetravel.gui.timeline;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The field table's rows: dotted paths, compact values, and what a step did to each field. */
class FieldRowsTest {

    @Test
    void nestedObjectsBecomeDottedPathsAndValuesCompactText() {
        List<FieldRow> rows = FieldRows.between(json("{}"),
                json("{\"name\":\"Ada\",\"address\":{\"city\":\"Paris\",\"geo\":{\"lat\":48.8}},\"tags\":[\"a\",1],"
                        + "\"extra\":{},\"smoker\":false,\"note\":null}"));
        assertEquals(List.of(
                new FieldRow("address.city", "Paris", "", FieldChange.ADDED),
                new FieldRow("address.geo.lat", "48.8", "", FieldChange.ADDED),
                new FieldRow("extra", "{}", "", FieldChange.ADDED),
                new FieldRow("name", "Ada", "", FieldChange.ADDED),
                new FieldRow("note", "null", "", FieldChange.ADDED),
                new FieldRow("smoker", "false", "", FieldChange.ADDED),
                new FieldRow("tags", "[\"a\",1]", "", FieldChange.ADDED)), rows);
    }

    @Test
    void aRemovedObjectShowsEachOfItsFieldsAsRemoved() {
        List<FieldRow> rows = FieldRows.between(json("{\"name\":\"Ada\",\"address\":{\"city\":\"Paris\",\"zip\":\"75001\"}}"),
                json("{\"name\":\"Ada\"}"));
        assertEquals(List.of(
                new FieldRow("address.city", "Paris", "", FieldChange.REMOVED),
                new FieldRow("address.zip", "75001", "", FieldChange.REMOVED),
                new FieldRow("name", "Ada", "", FieldChange.NONE)), rows);
    }

    @Test
    void aValueChangingTypeAddsAndRemovesLeaves() {
        List<FieldRow> rows = FieldRows.between(json("{\"address\":{\"city\":\"Paris\"},\"risk\":\"low\"}"),
                json("{\"address\":\"Paris, France\",\"risk\":{\"class\":\"A\"}}"));
        assertEquals(List.of(
                new FieldRow("address", "Paris, France", "", FieldChange.ADDED),
                new FieldRow("address.city", "Paris", "", FieldChange.REMOVED),
                new FieldRow("risk", "low", "", FieldChange.REMOVED),
                new FieldRow("risk.class", "A", "", FieldChange.ADDED)), rows);
    }

    @Test
    void aChangedFieldKeepsItsValueBefore() {
        List<FieldRow> rows = FieldRows.between(json("{\"premium\":100,\"tags\":[\"a\"]}"), json("{\"premium\":110,\"tags\":[\"a\"]}"));
        assertEquals(List.of(
                new FieldRow("premium", "110", "100", FieldChange.CHANGED),
                new FieldRow("tags", "[\"a\"]", "", FieldChange.NONE)), rows);
    }
}
