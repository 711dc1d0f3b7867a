package com.termwise.app;

import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;

import java.util.List;
import java.util.Optional;

/**
 * online-courses 2.5: an account holder is emailed promotional offers; they may refuse them at any time, as simply as
 * they were signed up (PECR 2003 reg 22(3)). Termwise records the choice and tells the business's mailing tool (the
 * {@code MarketingPreferenceChanged} event); the mails the terms require about orders and payments are not marketing and still go.
 */
public final class MarketingOffers {

    private MarketingOffers() {}

    static final Clause PECR = new Clause("PECR 2003", "reg 22");

    public static Decision choose(Action a, boolean offers) {
        var profile = a.account().profile().orElseThrow(() -> RequestRefused.notFound("CUSTOMER_NOT_FOUND", "There is no such customer."));
        var clause = clause(a);
        var next = profile.withMarketingRefused(offers ? Optional.empty() : Optional.of(profile.marketingRefusedOn().orElse(a.today())));
        var decision = Decision.of(Outcome.ACCEPTED, a.today(), a.zero(), List.of(), List.of(offers
                ? new Reason("MARKETING_OFFERS", clause, "We may email you offers on courses and other services; you can refuse them here at any time.")
                : new Reason("MARKETING_REFUSED", clause, "We no longer email you offers. Mails about your orders, payments and subscriptions still come.")));
        if (next.equals(profile)) return decision;
        a.changes().add(new Changes.Write.PutProfile(next, profile.version()));
        a.event(profile.id(), "MarketingPreferenceChanged", "customerId", profile.id(), "offers", Boolean.toString(offers), "clause", clause.toString());
        return decision;
    }

    /** The catalog clause that signs account holders up to offers (online-courses 2.5), else the regulation that lets anyone refuse. */
    static Clause clause(Action a) {
        return a.account().purchases().stream().flatMap(p -> a.catalog(p.order()).rules().marketingOffers().stream()).map(r -> r.clause())
                .findFirst().orElse(PECR);
    }
}
