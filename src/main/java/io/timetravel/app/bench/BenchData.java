package io.timetravel.app.bench;

import io.timetravel.domain.json.JsonObject;
import java.util.Locale;

/**
 * The records a benchmark run writes and reads: their ids, and the bodies of their versions
 * (a wide policyholder, its history's small edits, fixed-size patches, 10 KB records).
 */
final class BenchData {

    static final long V1_RECORD = 1;
    static final long SHORT_RECORD = 2;
    static final long LONG_RECORD = 3;
    static final int SHORT_HISTORY = 10;
    static final long LARGE_FIRST = 101;
    static final int LARGE_RECORDS = 10;
    static final long SMALL_FIRST = 1_000;
    static final int SMALL_RECORDS = 500;
    static final int PATCH_BYTES = 30;
    static final int LARGE_STATE_BYTES = 10_000;

    private BenchData() {
    }

    /** A policyholder as the workbench shows them: a dozen fields, some nested. */
    static String wideRecord() {
        return "{\"name\":\"Lise Tanaka\",\"region\":\"UK\",\"date_of_birth\":\"1979-02-17\",\"occupation\":\"nurse\","
                + "\"smoker\":false,\"annual_premium\":2697.50,\"sum_insured\":1350000,\"beneficiaries\":[\"Niels Tanaka\"],"
                + "\"address\":{\"street\":\"189 Station Road\",\"city\":\"Bristol\",\"postcode\":\"78664\"},"
                + "\"risk\":{\"class\":\"A\",\"score\":34},\"underwriter_notes\":\"new business\"}";
    }

    /** Version {@code i}'s change: a field or two, as underwriters' edits are. */
    static String historyPatch(int i) {
        return switch (i % 4) {
            case 0 -> "{\"underwriter_notes\":\"revision " + i + "\"}";
            case 1 -> "{\"annual_premium\":" + (2000 + i) + ".25}";
            case 2 -> "{\"risk\":{\"score\":" + (i % 100) + ",\"class\":\"" + (char) ('A' + i % 3) + "\"}}";
            default -> "{\"address\":{\"postcode\":\"" + (10000 + i) + "\"}}";
        };
    }

    /** A merge patch of exactly {@link #PATCH_BYTES} bytes (more only for very large {@code n}) that sets a new value. */
    static String smallPatch(long n) {
        String head = "{\"premium\":" + n + ",\"note\":\"";
        int pad = Math.max(1, PATCH_BYTES - head.length() - 2);
        return head + "x".repeat(pad) + "\"}";
    }

    /**
     * A record of about {@link #LARGE_STATE_BYTES} bytes: a hundred fields of text. Clauses are
     * added while the text without its closing brace is under the limit less a margin.
     */
    static String largeRecord(long id) {
        JsonObject.Builder record = JsonObject.builder().put("name", "Large record " + id);
        for (int i = 0; record.build().toJson().length() - 1 < LARGE_STATE_BYTES - 120; i++) {
            record.put(String.format(Locale.ROOT, "clause_%03d", i),
                    "Clause " + i + " of the policy: terms as agreed with the underwriter in writing.");
        }
        return record.build().toJson();
    }
}
