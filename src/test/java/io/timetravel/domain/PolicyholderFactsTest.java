package io.timetravel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The name and region that listings and flag rules read from a free-form record. */
class PolicyholderFactsTest {

    private static JsonObject data(String json) {
        try {
            return JsonParser.parseObject(json);
        } catch (JsonParseException e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void nameComesFromName() {
        assertEquals(Optional.of("Ada Lovelace"), PolicyholderFacts.name(data("{\"name\":\"Ada Lovelace\"}")));
    }

    @Test
    void nameIsPreferredToEveryOtherSpelling() {
        JsonObject data = data("{\"name\":\"A\",\"full_name\":\"B\",\"first_name\":\"C\",\"last_name\":\"D\"}");

        assertEquals(Optional.of("A"), PolicyholderFacts.name(data));
    }

    @Test
    void fullNameIsUsedWhenThereIsNoName() {
        JsonObject data = data("{\"full_name\":\"Grace Hopper\",\"first_name\":\"C\",\"last_name\":\"D\"}");

        assertEquals(Optional.of("Grace Hopper"), PolicyholderFacts.name(data));
    }

    @Test
    void firstAndLastNameAreJoinedWithASpace() {
        assertEquals(Optional.of("Alan Turing"), PolicyholderFacts.name(data("{\"first_name\":\"Alan\",\"last_name\":\"Turing\"}")));
    }

    @Test
    void eitherHalfOfAFirstAndLastNameIsEnough() {
        assertEquals(Optional.of("Alan"), PolicyholderFacts.name(data("{\"first_name\":\"Alan\"}")));
        assertEquals(Optional.of("Turing"), PolicyholderFacts.name(data("{\"last_name\":\"Turing\"}")));
        assertEquals(Optional.of("Turing"), PolicyholderFacts.name(data("{\"first_name\":\"\",\"last_name\":\"Turing\"}")));
        assertEquals(Optional.of("Alan"), PolicyholderFacts.name(data("{\"first_name\":\" Alan \",\"last_name\":\"  \"}")));
    }

    @Test
    void nameValuesThatAreNotStringsAreIgnored() {
        assertEquals(Optional.of("Grace"), PolicyholderFacts.name(data("{\"name\":42,\"full_name\":\"Grace\"}")));
        assertEquals(Optional.of("Hopper"), PolicyholderFacts.name(data("{\"name\":null,\"full_name\":{\"x\":1},\"first_name\":true,\"last_name\":\"Hopper\"}")));
    }

    @Test
    void noNameGivesNothing() {
        assertEquals(Optional.empty(), PolicyholderFacts.name(JsonObject.empty()));
        assertEquals(Optional.empty(), PolicyholderFacts.name(data("{\"region\":\"EU\",\"Name\":\"wrong case\"}")));
        assertEquals(Optional.empty(), PolicyholderFacts.name(data("{\"first_name\":\" \",\"last_name\":\"\"}")));
        assertEquals(Optional.empty(), PolicyholderFacts.name(data("{\"first_name\":1,\"last_name\":[\"x\"]}")));
    }

    @Test
    void longNamesAreClippedToTwoHundredCharacters() {
        String longName = "n".repeat(500);

        assertEquals(Optional.of("n".repeat(200)), PolicyholderFacts.name(data("{\"name\":\"" + longName + "\"}")));
        assertEquals(Optional.of("n".repeat(200)), PolicyholderFacts.name(data("{\"full_name\":\"" + longName + "\"}")));
        assertEquals(200, PolicyholderFacts.name(data("{\"first_name\":\"" + longName + "\",\"last_name\":\"x\"}")).orElseThrow().length());
        assertEquals(Optional.of("n".repeat(200)), PolicyholderFacts.name(data("{\"name\":\"" + "n".repeat(200) + "\"}")));
    }

    @Test
    void clippingNeverSplitsACharacterInTwo() {
        // 199 letters then an emoji (two UTF-16 units): cutting at 200 would leave half of it.
        String name = "n".repeat(199) + "😀" + "tail";

        String clipped = PolicyholderFacts.name(data("{\"name\":\"" + name + "\"}")).orElseThrow();

        assertEquals("n".repeat(199), clipped);
        String region = PolicyholderFacts.region(data("{\"region\":\"" + name + "\"}")).orElseThrow();
        assertEquals("n".repeat(199), region);
        String fits = "n".repeat(198) + "😀" + "tail";
        assertEquals("n".repeat(198) + "😀", PolicyholderFacts.name(data("{\"name\":\"" + fits + "\"}")).orElseThrow());
    }

    @Test
    void regionIsStripped() {
        assertEquals(Optional.of("EU-West"), PolicyholderFacts.region(data("{\"region\":\"  EU-West\\t\\n\"}")));
        assertEquals(Optional.of("North America"), PolicyholderFacts.region(data("{\"region\":\"North America\"}")));
    }

    @Test
    void blankMissingOrNonStringRegionGivesNothing() {
        assertEquals(Optional.empty(), PolicyholderFacts.region(data("{\"region\":\"\"}")));
        assertEquals(Optional.empty(), PolicyholderFacts.region(data("{\"region\":\" \\t \"}")));
        assertEquals(Optional.empty(), PolicyholderFacts.region(data("{\"region\":7}")));
        assertEquals(Optional.empty(), PolicyholderFacts.region(data("{\"region\":null}")));
        assertEquals(Optional.empty(), PolicyholderFacts.region(JsonObject.empty()));
    }

    @Test
    void longRegionsAreClippedAfterStripping() {
        String region = " ".repeat(50) + "r".repeat(300);

        assertEquals(Optional.of("r".repeat(200)), PolicyholderFacts.region(data("{\"region\":\"" + region + "\"}")));
    }
}
