package io.timetravel.http.v2;

import io.timetravel.domain.premium.Decision;
import io.timetravel.domain.premium.Factor;
import io.timetravel.domain.premium.Quote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A premium decision as the API shows it: the quote, and everything it was decided from. */
public record DecisionBody(long decisionId, long recordId, long recordVersion, BigDecimal premium, String currency,
                           List<FactorBody> factors, String engine, int engineVersion, String engineChoice, Instant at,
                           Instant asOf, Instant decidedAt, Map<String, Boolean> flags, String apiVersion, long actor,
                           boolean actorVerified, Map<String, String> inputs, String inputsSha256) {

    /** One step of the breakdown. */
    public record FactorBody(String name, String input, String kind, BigDecimal value) {
        static List<FactorBody> of(List<Factor> factors) {
            return factors.stream().map(f -> new FactorBody(f.name(), f.input(), f.kind().text(), f.value())).toList();
        }
    }

    static DecisionBody of(Decision decision) {
        Quote quote = decision.quote();
        return new DecisionBody(decision.id(), decision.recordId(), decision.recordVersion(), quote.premium(),
                quote.currency(), FactorBody.of(quote.factors()), quote.engine(), quote.engineVersion(), decision.choice(),
                decision.validAt(), decision.knownAt(), decision.decidedAt(), decision.flags(), decision.apiVersion(),
                decision.actor(), decision.actorVerified(), quote.inputs(), quote.inputsSha256());
    }
}
