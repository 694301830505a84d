package io.timetravel.gui.premium;

import io.timetravel.domain.premium.Decision;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.service.PremiumService;
import java.time.ZoneId;

/**
 * One premium decision as the Premium tab's table shows it: its three instants in the user's zone
 * (to the minute; the breakdown gives them to the second),
 * the engine that priced it and why that one, the premium with its currency, and who asked.
 *
 * @param decision the decision itself, for its breakdown and replay
 * @param engine   {@code classic@1}
 * @param choice   how the engine was chosen: "name" (the request named it), "flag on" or "flag off"
 *                 (the {@code new_risk_engine} flag for the caller and the record's region)
 * @param premium  {@code 1,234.50 EUR}
 * @param actor    {@code user 42 (verified)}
 */
public record DecisionRow(Decision decision, String decidedAt, String validAt, String knownAt, String engine, String choice,
                          String premium, String actor) {

    /** The row of {@code decision}, its times in {@code zone}. */
    public static DecisionRow of(Decision decision, ZoneId zone) {
        return new DecisionRow(decision, Formats.localMinutes(decision.decidedAt(), zone),
                Formats.localMinutes(decision.validAt(), zone), Formats.localMinutes(decision.knownAt(), zone),
                decision.engine() + "@" + decision.engineVersion(), choice(decision.choice()),
                premium(decision.quote().premium().toPlainString(), decision.quote().currency()),
                Messages.get(decision.actorVerified() ? "premium.actorVerified" : "premium.actorDeclared",
                        Formats.actor(decision.actor())));
    }

    public long id() {
        return decision.id();
    }

    /** {@code 1,234.50 EUR}: every digit kept, grouped. */
    static String premium(String amount, String currency) {
        return Formats.exactNumber(amount) + " " + currency;
    }

    private static String choice(String choice) {
        return switch (choice) {
            case PremiumService.CHOICE_REQUESTED -> Messages.get("premium.choiceRequested");
            case PremiumService.CHOICE_FLAG_ON -> Messages.get("premium.choiceFlagOn");
            case PremiumService.CHOICE_FLAG_OFF -> Messages.get("premium.choiceFlagOff");
            default -> choice;
        };
    }
}
