package io.timetravel.gui;

import io.timetravel.service.RecordService;

/**
 * The rule the forms that write apply to the reason typed in them: required, and at most
 * {@link RecordService#MAX_REASON_LENGTH} characters once stripped. Each form names its own
 * message for a missing reason; the one for a reason too long is the same everywhere.
 */
public final class ReasonRule {

    private ReasonRule() {
    }

    /**
     * Why {@code typed} cannot be the reason of a write, or empty.
     *
     * @param missingKey the message key said when nothing (or only blanks) was typed
     */
    public static String problem(String typed, String missingKey) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return Messages.get(missingKey);
        }
        return tooLong(text);
    }

    /** Why {@code typed} is too long to be a reason, or empty: for a form where the reason is optional. */
    public static String tooLong(String typed) {
        return typed != null && typed.strip().length() > RecordService.MAX_REASON_LENGTH
                ? Messages.get("edit.reasonTooLong", RecordService.MAX_REASON_LENGTH) : "";
    }
}
