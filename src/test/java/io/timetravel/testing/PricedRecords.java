package io.timetravel.testing;

/** Records holding every fact the premium engines read, for tests of quotes and recalculations. */
public final class PricedRecords {

    /**
     * Ada: 46 in June 2026, a non-smoking engineer (occupation class 2) in the EU, 500,000 insured,
     * risk class B and score 40, on term life: classic prices her at 1,070.00 (1,853.75 as a smoker).
     */
    public static final String ADA = "{\"name\":\"Ada\",\"region\":\"EU\",\"date_of_birth\":\"1980-05-01\",\"smoker\":false,"
            + "\"occupation\":\"engineer\",\"sum_insured\":500000,\"risk\":{\"score\":40,\"class\":\"B\"},"
            + "\"policy\":{\"product\":\"term-life-20\"}}";

    private PricedRecords() {
    }

    /** Ada's facts varied by {@code id}: born 1950 to 1994, a smoker every fifth, risk score 0 to 99. */
    public static String varied(long id) {
        return ADA.replace("1980-05-01", (1950 + id % 45) + "-05-01")
                .replace("\"smoker\":false", "\"smoker\":" + (id % 5 == 0))
                .replace("\"score\":40", "\"score\":" + (id % 100));
    }
}
