package io.timetravel.gui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 4180 quoting of one field. */
class AuditCsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndOthersLeftAlone() {
        assertEquals("plain text", AuditCsv.field("plain text"));
        assertEquals("", AuditCsv.field(null));
        assertEquals("\"a,b\"", AuditCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", AuditCsv.field("say \"hi\""));
        assertEquals("\"line\nbreak\"", AuditCsv.field("line\nbreak"));
        assertEquals("\"carriage\rreturn\"", AuditCsv.field("carriage\rreturn"));
        assertEquals("Zürich \u5bb6 \ud83d\ude00", AuditCsv.field("Zürich \u5bb6 \ud83d\ude00"));
        assertEquals("\"{\"\"n\"\":1,\"\"m\"\":2}\"", AuditCsv.field("{\"n\":1,\"m\":2}"));
    }
}
