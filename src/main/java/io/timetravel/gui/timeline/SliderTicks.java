package io.timetravel.gui.timeline;

/**
 * Tick spacing for a slider over positions 1..{@code count}: labelled major ticks at round steps
 * (1, 2, 5 × 10^k) far enough apart that their labels do not collide, also with the label the
 * slider always puts at its end, and minor ticks between them at one per version while there is
 * room for that, else at round sub-steps.
 *
 * @param major      the step between labelled ticks, in positions
 * @param minorCount the number of unlabelled ticks between two major ones
 */
record SliderTicks(double major, int minorCount) {

    /** Room a major tick's label needs, in pixels (five digits and a gap). */
    static final double LABEL_ROOM = 56;
    /** Room a minor tick needs to be told apart from its neighbours, in pixels. */
    static final double TICK_ROOM = 4;

    static SliderTicks of(int count, double width) {
        int span = Math.max(1, count - 1);
        double pixelsPerPosition = width / span;
        long major = 0;
        long fallback = 0;
        for (long magnitude = 1; major == 0 && magnitude <= 1_000_000_000L; magnitude *= 10) {
            for (long step : new long[] {magnitude, 2 * magnitude, 5 * magnitude}) {
                if (step * pixelsPerPosition < LABEL_ROOM && step < span) {
                    continue;
                }
                if (fallback == 0) {
                    fallback = step;
                }
                // The slider labels its end too: the last round tick must leave room for it.
                long rest = span % step;
                if (rest == 0 || rest * pixelsPerPosition >= LABEL_ROOM * 0.8) {
                    major = step;
                    break;
                }
                if (step >= span) {
                    major = fallback;
                    break;
                }
            }
        }
        if (major == 0) {
            major = fallback == 0 ? span : fallback;
        }
        return new SliderTicks(major, minorCount(major, pixelsPerPosition));
    }

    private static int minorCount(long major, double pixelsPerPosition) {
        if (major == 1) {
            return 0;
        }
        if (pixelsPerPosition >= TICK_ROOM) {
            return (int) major - 1; // a tick for every version
        }
        // round sub-steps: fifths of 1·10^k and 5·10^k, quarters of 2·10^k, as long as they stay apart
        long leading = major;
        while (leading % 10 == 0) {
            leading /= 10;
        }
        int parts = leading == 2 ? 4 : 5;
        while (parts > 1 && major / (double) parts * pixelsPerPosition < TICK_ROOM * 2) {
            parts = parts == 5 ? 2 : parts - 1;
        }
        return parts - 1;
    }
}
