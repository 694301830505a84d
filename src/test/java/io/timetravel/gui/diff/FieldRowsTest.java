package io.timetravel.gui.diff;

import static io.timetravel.testing.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timetravel.domain.json.JsonNull;
import io.timetravel.gui.diff.FieldRow.Change;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldRowsTest {

    @Test
    void everyFieldOfEitherSideGetsOneRowByDottedPath() {
        List<FieldRow> rows = FieldRows.between(
                json("{\"name\":\"Ada\",\"smoker\":false,\"address\":{\"city\":\"London\",\"zip\":\"N1\"},\"old\":1}"),
                json("{\"name\":\"Ada\",\"smoker\":true,\"address\":{\"city\":\"London\",\"geo\":{\"lat\":51.5}},\"email\":\"a@b.c\"}"));

        assertEquals(List.of(
                new FieldRow("address.city", "London", "London", Change.UNCHANGED),
                new FieldRow("address.geo.lat", null, "51.5", Change.ADDED),
                new FieldRow("address.zip", "N1", null, Change.REMOVED),
                new FieldRow("email", null, "a@b.c", Change.ADDED),
                new FieldRow("name", "Ada", "Ada", Change.UNCHANGED),
                new FieldRow("old", "1", null, Change.REMOVED),
                new FieldRow("smoker", "false", "true", Change.CHANGED)), rows);
    }

    @Test
    void nestedPathsStayTogetherBeforeSiblingsThatSortBetween() {
        List<String> paths = FieldRows.between(json("{}"),
                json("{\"a\":{\"b\":1,\"c\":{\"d\":2}},\"a_b\":3,\"a-b\":4}")).stream().map(FieldRow::path).toList();

        assertEquals(List.of("a.b", "a.c.d", "a-b", "a_b"), paths);
    }

    @Test
    void valuesReadAsTextWithoutQuotesAndArraysAsSpacedJson() {
        List<FieldRow> rows = FieldRows.between(json("{}"),
                json("{\"s\":\"plain text\",\"list\":[\"Ada\",\"Bob\",{\"x\":null}],\"empty\":{},\"n\":1.50}"));

        assertEquals("{}", rows.get(0).after());
        assertEquals("[\"Ada\", \"Bob\", {\"x\": null}]", rows.get(1).after());
        assertEquals("1.50", rows.get(2).after());
        assertEquals("plain text", rows.get(3).after());
    }

    @Test
    void aTypeChangeBetweenAnObjectAndAValueShowsBothShapes() {
        List<FieldRow> rows = FieldRows.between(json("{\"address\":\"unknown\"}"), json("{\"address\":{\"city\":\"Paris\"}}"));

        assertEquals(List.of(new FieldRow("address", "unknown", null, Change.REMOVED),
                new FieldRow("address.city", null, "Paris", Change.ADDED)), rows);
    }

    @Test
    void patchesOfAnEventReadAsRemovedAddedAndChangedFields() {
        List<FieldRow> rows = FieldRows.ofPatches(
                json("{\"notes\":\"call back\",\"premium\":100,\"email\":null,\"address\":{\"zip\":\"N1\"}}"),
                json("{\"notes\":null,\"premium\":120,\"email\":\"a@b.c\",\"address\":{\"zip\":null}}"));

        assertEquals(List.of(
                new FieldRow("address.zip", "N1", null, Change.REMOVED),
                new FieldRow("email", null, "a@b.c", Change.ADDED),
                new FieldRow("notes", "call back", null, Change.REMOVED),
                new FieldRow("premium", "100", "120", Change.CHANGED)), rows);
    }

    @Test
    void aCreationShowsEveryFieldAdded() {
        List<FieldRow> rows = FieldRows.ofPatches(JsonNull.INSTANCE, json("{\"name\":\"Ada\",\"address\":{\"city\":\"London\"}}"));

        assertEquals(List.of(new FieldRow("address.city", null, "London", Change.ADDED),
                new FieldRow("name", null, "Ada", Change.ADDED)), rows);
    }

    @Test
    void pathsSortSegmentBySegmentAsSplittingThemWould() {
        Random random = new Random(15);
        char[] alphabet = {'a', 'b', 'A', '.', '-', '_', '0', 'é', '\u4e2d'};
        for (int i = 0; i < 20_000; i++) {
            String left = randomPath(random, alphabet);
            String right = randomPath(random, alphabet);

            assertEquals(Integer.signum(bySplitSegments(left, right)), Integer.signum(FieldRows.PATH_ORDER.compare(left, right)),
                    left + " vs " + right);
        }
    }

    private static String randomPath(Random random, char[] alphabet) {
        StringBuilder path = new StringBuilder();
        for (int n = random.nextInt(7); n > 0; n--) {
            path.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return path.toString();
    }

    /** The order as first written: split on dots, compare segment by segment, then by count. */
    private static int bySplitSegments(String left, String right) {
        String[] a = left.split("\\.", -1);
        String[] b = right.split("\\.", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int order = a[i].compareTo(b[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
