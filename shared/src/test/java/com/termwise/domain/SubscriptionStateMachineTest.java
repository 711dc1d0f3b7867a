package com.termwise.domain;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.subscription.*;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class SubscriptionStateMachineTest {

    final Subscription annual = active(ONLINE, "annual", d("2026-01-05"));

    @Test
    void repeated_events_change_nothing_further() {
        var paid = new SubscriptionEvent.PeriodPaid(2, new Period(d("2027-01-05"), d("2028-01-05")), gbp(14900), true);
        var once = SubscriptionStateMachine.apply(annual, paid);
        assertEquals(once, SubscriptionStateMachine.apply(once, paid));
        assertEquals(once, SubscriptionStateMachine.apply(once, new SubscriptionEvent.Activated(d("2026-01-05"),
                annual.currentPeriod(), Optional.empty(), gbp(14900))), "a late checkout webhook after renewal");
        var failedEvent = new SubscriptionEvent.PaymentFailed(d("2028-01-05"), 3, false, "pi_1");
        var failed = SubscriptionStateMachine.apply(once, failedEvent);
        assertEquals(failed, SubscriptionStateMachine.apply(failed, failedEvent), "the webhook after the worker's own answer");
        assertEquals(failed, SubscriptionStateMachine.apply(failed, new SubscriptionEvent.PaymentFailed(d("2028-01-05"), 2, false, "pi_0")),
                "a late failure for a cycle already paid");
    }

    @Test
    void a_cancellation_ends_the_subscription_on_its_effective_date_not_before() {
        var cancelling = SubscriptionStateMachine.apply(annual, new SubscriptionEvent.CancellationScheduled(d("2027-01-05")));
        assertEquals(SubscriptionState.CANCELLING, cancelling.state());
        assertEquals(SubscriptionState.CANCELLING, SubscriptionStateMachine.apply(cancelling, new SubscriptionEvent.PeriodEnded(d("2027-01-04"))).state());
        assertEquals(SubscriptionState.CANCELLED, SubscriptionStateMachine.apply(cancelling, new SubscriptionEvent.PeriodEnded(d("2027-01-05"))).state());
        assertEquals(SubscriptionState.ACTIVE, SubscriptionStateMachine.apply(cancelling, new SubscriptionEvent.CancellationWithdrawn(d("2026-06-01"))).state());
    }

    @Test
    void transitions_the_state_does_not_allow_are_refused() {
        var cancelled = SubscriptionStateMachine.apply(annual, new SubscriptionEvent.CancelledNow(d("2026-01-10")));
        assertThrows(TransitionRefused.class, () -> SubscriptionStateMachine.apply(cancelled, new SubscriptionEvent.Paused(d("2026-01-11"))));
        assertThrows(TransitionRefused.class, () -> SubscriptionStateMachine.apply(annual, new SubscriptionEvent.Reinstated(d("2026-01-11"))));
        assertThrows(TransitionRefused.class, () -> SubscriptionStateMachine.apply(annual,
                new SubscriptionEvent.PeriodPaid(4, new Period(d("2029-01-05"), d("2030-01-05")), gbp(14900), true)), "a cycle cannot be skipped");
    }
}
