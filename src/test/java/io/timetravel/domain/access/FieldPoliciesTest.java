package io.timetravel.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a caller without the pii grant sees of personal fields, and what counts as disclosing them. */
class FieldPoliciesTest {

    private static final byte[] KEY = new byte[32];

    private static final FieldPolicies POLICIES = FieldPolicies.of(List.of(
            new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 4),
            new FieldPolicy("ssn", FieldPolicy.Masking.FULL, 0),
            new FieldPolicy("contact.phone", FieldPolicy.Masking.HASH, 0),
            new FieldPolicy("address", FieldPolicy.Masking.FULL, 0)), KEY);

    private static JsonObject json(String text) {
        try {
            return JsonParser.parseObject(text);
        } catch (io.timetravel.domain.json.JsonParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void partialMaskingKeepsTheLastCharactersOnly() {
        JsonObject masked = POLICIES.mask(json("{\"email\":\"ada@example.com\",\"premium\":1200}"));

        assertEquals("{\"email\":\"****.com\",\"premium\":1200}", masked.toJson());
    }

    @Test
    void aValueNoLongerThanTheVisiblePartIsHiddenWhole() {
        assertEquals("{\"email\":\"****\"}", POLICIES.mask(json("{\"email\":\"a@b\"}")).toJson());
    }

    @Test
    void fullMaskingHidesNumbersAndTextAlike() {
        assertEquals("{\"ssn\":\"****\"}", POLICIES.mask(json("{\"ssn\":123456789}")).toJson());
    }

    @Test
    void aPolicyOnAnObjectHidesEverythingInsideIt() {
        assertEquals("{\"address\":\"****\"}", POLICIES.mask(json("{\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}")).toJson());
        assertEquals("****", ((JsonString) POLICIES.maskAt("address.city", JsonString.of("Oslo"))).value(),
                "a diff names the inner path; it is covered too");
    }

    @Test
    void fieldsInsideArraysAreCoveredByThePathWithoutAnIndex() {
        FieldPolicies phones = FieldPolicies.of(List.of(new FieldPolicy("contacts.phone", FieldPolicy.Masking.FULL, 0)), KEY);
        JsonObject state = json("{\"contacts\":[{\"phone\":\"555-0100\",\"kind\":\"home\"},{\"phone\":\"555-0199\"},\"x\"]}");

        assertEquals("{\"contacts\":[{\"kind\":\"home\",\"phone\":\"****\"},{\"phone\":\"****\"},\"x\"]}",
                phones.mask(state).toJson());
        assertEquals(Set.of("contacts.phone"), phones.personalPaths(state));
        assertEquals(Set.of("contacts.phone"), phones.maskedWrites(json("{\"contacts\":[{\"phone\":\"****\"}]}")));
        assertEquals("{\"changed\":{\"contacts\":{\"from\":[{\"phone\":\"****\"}],\"to\":[{\"phone\":\"****\"}]}}}",
                phones.maskDiff(json("{\"changed\":{\"contacts\":{\"from\":[{\"phone\":\"111\"}],\"to\":[{\"phone\":\"222\"}]}}}"))
                        .toJson(), "a diff names the array; what is inside it is masked");
    }

    @Test
    void hashMaskingLetsEqualValuesMatchWithoutShowingThem() {
        String first = POLICIES.mask(json("{\"contact\":{\"phone\":\"+47 555 0100\",\"fax\":\"x\"}}")).toJson();
        String same = POLICIES.mask(json("{\"contact\":{\"phone\":\"+47 555 0100\"}}")).toJson();
        String other = POLICIES.mask(json("{\"contact\":{\"phone\":\"+47 555 0199\"}}")).toJson();

        assertTrue(first.matches("\\{\"contact\":\\{\"fax\":\"x\",\"phone\":\"\\*\\*\\*\\*#[0-9a-f]{16}\"}}"), first);
        assertEquals(first.substring(first.indexOf("phone")), same.substring(same.indexOf("phone")));
        assertNotEquals(same, other);
        FieldPolicies otherKey = FieldPolicies.of(POLICIES.list(), new byte[] {1, 2, 3});
        assertNotEquals(same, otherKey.mask(json("{\"contact\":{\"phone\":\"+47 555 0100\"}}")).toJson(),
                "the hash is keyed: without the installation's key, candidates cannot be tried");
    }

    @Test
    void removalsInAPatchStayVisibleAsRemovals() {
        assertEquals("{\"email\":null,\"name\":\"Ada\"}", POLICIES.mask(json("{\"email\":null,\"name\":\"Ada\"}")).toJson());
    }

    @Test
    void aStateWithoutPersonalFieldsIsReturnedAsItIs() {
        JsonObject state = json("{\"premium\":1200,\"contact\":{\"fax\":\"x\"}}");

        assertSame(state, POLICIES.mask(state));
        JsonObject withEmail = json("{\"email\":\"a@b.c\"}");
        assertSame(withEmail, FieldPolicies.none().mask(withEmail), "no policies, nothing personal");
    }

    @Test
    void diffsKeepTheirPathsAndLoseTheValues() {
        JsonObject diff = json("{\"added\":{\"ssn\":\"1\"},\"changed\":{\"email\":{\"from\":\"ada@old.org\",\"to\":\"ada@new.com\"},"
                + "\"premium\":{\"from\":1,\"to\":2}},\"removed\":{\"address.city\":\"Oslo\"}}");

        assertEquals("{\"added\":{\"ssn\":\"****\"},\"changed\":{\"email\":{\"from\":\"****.org\",\"to\":\"****.com\"},"
                + "\"premium\":{\"from\":1,\"to\":2}},\"removed\":{\"address.city\":\"****\"}}", POLICIES.maskDiff(diff).toJson());
    }

    @Test
    void personalPathsNameThePoliciesAStateDiscloses() {
        assertEquals(Set.of("email", "contact.phone", "address"),
                POLICIES.personalPaths(json("{\"email\":\"a\",\"contact\":{\"phone\":\"1\"},\"address\":{\"city\":\"x\"},\"p\":1}")));
        assertEquals(Set.of(), POLICIES.personalPaths(json("{\"email\":null,\"p\":1}")), "a removal discloses nothing");
        assertEquals(Set.of("address", "contact.phone"), POLICIES.personalPaths(List.of("address.city", "contact", "premium")));
    }

    @Test
    void maskedTextWrittenIntoAPersonalFieldIsFound() {
        assertEquals(Set.of("email", "contact.phone"),
                POLICIES.maskedWrites(json("{\"email\":\"****.com\",\"contact\":{\"phone\":\"****#0011223344556677\"},"
                        + "\"note\":\"****\"}")));
        assertEquals(Set.of(), POLICIES.maskedWrites(json("{\"email\":\"ada@example.com\"}")));
    }

    @Test
    void policiesAreCheckedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> new FieldPolicy("a..b", FieldPolicy.Masking.FULL, 0));
        assertThrows(IllegalArgumentException.class, () -> new FieldPolicy("", FieldPolicy.Masking.FULL, 0));
        assertThrows(IllegalArgumentException.class, () -> new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 0));
        assertThrows(IllegalArgumentException.class, () -> new FieldPolicy("email", FieldPolicy.Masking.FULL, 4));
        assertThrows(IllegalArgumentException.class, () -> new FieldPolicy("e mail", FieldPolicy.Masking.FULL, 0));
    }
}
