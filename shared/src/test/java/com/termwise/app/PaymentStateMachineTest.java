package com.termwise.app;

import com.termwise.app.Payment.Status;
import com.termwise.app.PaymentStateMachine.Event;
import com.termwise.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentStateMachineTest {

    static Payment payment(Status status) {
        return new Payment("pi_1", "cus", "ord", Optional.empty(), 1, Optional.empty(), Money.gbp(16895), status, LocalDate.of(2026, 3, 2), Optional.empty());
    }

    @Test
    void a_refund_settles_on_its_charge_in_part_then_in_full() {
        var part = PaymentStateMachine.apply(payment(Status.SUCCEEDED), new Event.Refunded("ch_1", Money.gbp(500))).orElseThrow();
        assertEquals(Status.PARTIALLY_REFUNDED, part.status());
        assertEquals(Optional.of("ch_1"), part.chargeId());
        assertEquals(Status.REFUNDED, PaymentStateMachine.apply(part, new Event.Refunded("ch_1", Money.gbp(16895))).orElseThrow().status());
    }

    @Test
    void an_inquiry_opens_on_money_still_ours_and_closes_back_to_paid() {
        var asked = PaymentStateMachine.apply(payment(Status.PARTIALLY_REFUNDED), new Event.InquiryOpened()).orElseThrow();
        assertEquals(Status.DISPUTE_INQUIRY, asked.status());
        assertEquals(Status.SUCCEEDED, PaymentStateMachine.apply(asked, new Event.InquiryClosed()).orElseThrow().status());
        assertTrue(PaymentStateMachine.apply(payment(Status.DISPUTED), new Event.InquiryOpened()).isEmpty(), "a chargeback is past asking");
        assertTrue(PaymentStateMachine.apply(payment(Status.SUCCEEDED), new Event.InquiryClosed()).isEmpty(), "a close with no inquiry open");
    }

    @Test
    void a_chargeback_and_its_win_move_a_payment_that_took_money_and_nothing_else() {
        var disputed = PaymentStateMachine.apply(payment(Status.SUCCEEDED), new Event.ChargedBack("ch_1")).orElseThrow();
        assertEquals(Status.DISPUTED, disputed.status());
        assertEquals(Status.SUCCEEDED, PaymentStateMachine.apply(disputed, new Event.ChargebackWon("ch_1")).orElseThrow().status());
        for (var never : new Status[]{Status.FAILED, Status.REQUIRES_ACTION}) {
            assertTrue(PaymentStateMachine.apply(payment(never), new Event.ChargedBack("ch_1")).isEmpty(), never + " took no money");
            assertTrue(PaymentStateMachine.apply(payment(never), new Event.Refunded("ch_1", Money.gbp(1))).isEmpty(), never + " took no money");
        }
    }
}
