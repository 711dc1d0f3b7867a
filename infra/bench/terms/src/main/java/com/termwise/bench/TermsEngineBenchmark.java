package com.termwise.bench;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;
import com.termwise.domain.rules.Cancellation;
import com.termwise.domain.rules.NoticeDeadline;
import com.termwise.domain.rules.PurchaseFacts;
import com.termwise.domain.rules.RefundQuote;
import com.termwise.domain.rules.Requester;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The terms engine's decisions per second, across a year of dates: each invocation takes the next day
 * of 2026 (weekends, Easter, both May bank holidays, Christmas) and decides for the next plan of the
 * three businesses, as the cancel and refund functions do for one request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TermsEngineBenchmark {

    private record Case(Catalog catalog, Plan plan) {}

    private Case[] cases;
    private PurchaseFacts[] purchases;
    private LocalDate[] days;
    private int next;

    @Setup
    public void load() {
        var catalogs = Catalogs.builtIn();
        cases = List.of("online-courses/annual", "online-courses/course:copywriting", "course-provider/course:leadership",
                "meal-plans/1-month", "meal-plans/3-month", "meal-plans/4-month").stream().map(id -> {
            var catalog = catalogs.inForce(id.split("/")[0], java.time.LocalDate.of(2026, 4, 1)).orElseThrow();
            return new Case(catalog, catalog.plan(id.split("/")[1]).orElseThrow());
        }).toArray(Case[]::new);
        days = new LocalDate[365];
        purchases = new PurchaseFacts[365];
        for (int i = 0; i < 365; i++) {
            days[i] = LocalDate.of(2026, 1, 1).plusDays(i);
            var bought = days[i].minusDays(i % 40); // from the same day to well past every cancellation period
            purchases[i] = new PurchaseFacts(bought, bought, Optional.of(bought), Optional.of(bought.plusDays(3)),
                    i % 3 == 0 ? Consents.beginEarly(true) : Consents.none(), List.of(i % 101), false, false, i % 3,
                    Money.gbp(14_900 + i), Money.gbp(995), Money.gbp(495));
        }
    }

    private int step() {
        next = next == 364 ? 0 : next + 1;
        return next;
    }

    @Benchmark
    public Decision refundQuote() {
        int i = step();
        var c = cases[i % cases.length];
        return RefundQuote.quote(c.catalog(), c.plan(), purchases[i], days[i], Requester.customer());
    }

    @Benchmark
    public Decision cancellationQuote() {
        int i = step();
        var c = cases[i % cases.length];
        return Cancellation.ofOrder(c.catalog(), c.plan(), purchases[i], days[i], Optional.empty());
    }

    /** meal-plans 9(c)(1): five working days before the date it protects, across Easter, May and Christmas. */
    @Benchmark
    public LocalDate noticeDeadline() {
        return NoticeDeadline.before(days[step()], 5);
    }
}
