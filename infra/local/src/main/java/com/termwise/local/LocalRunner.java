package com.termwise.local;

import java.time.Instant;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;

/** {@code infra/local/run}: starts {@link LocalTermwise} on 127.0.0.1:${PORT:-8080} until Ctrl-C. */
public final class LocalRunner {

    private LocalRunner() {}

    static final String HELP = """
            Usage: infra/local/run [--demo] [--help]

            Runs all of Termwise on 127.0.0.1 with everything it needs embedded: DynamoDB Local, an SQS server,
            the Stripe sandbox (signed webhooks), a test clock, and mail and events you can read at /_local/mail
            and /_local/events. State lives in memory: stop and start again to reset it. The customers' "Your
            Account" page is at /account/ (sign in there as any customer id).

              --demo    start with customers of each catalog at telling stages (in a cancellation period, past a
                        notice deadline, past due, held for 3-D Secure, owing after a chargeback), bought on a
                        clock that starts 40 days back and runs up to now
              --help    this text

            Environment:
              PORT                    the port (default 8080)
              TERMWISE_CLOCK          where the test clock starts, e.g. 2026-03-02T10:00:00Z (default: now)
              TERMWISE_RUNTIME=lambda serve every route through AWS's Lambda runtime, one JVM per function
              TERMWISE_WEBHOOK_SECRET the sandbox's webhook signing secret (whsec_...), for a tool that signs webhooks
              TERMWISE_SANDBOX_KEY    the sandbox's API key (sk_test_...), for a tool that calls it (default: random)
              STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET
                                      talk to Stripe's test mode instead of the sandbox
            """;

    public static void main(String[] args) throws Exception {
        var options = java.util.List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.print(HELP);
            return;
        }
        var unknown = options.stream().filter(a -> !a.equals("--demo")).toList();
        if (!unknown.isEmpty()) {
            System.err.println("Unknown option " + unknown.getFirst() + ".\n\n" + HELP);
            System.exit(2);
        }
        boolean demo = options.contains("--demo");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        var env = new HashMap<>(System.getenv());
        var now = Instant.now();
        if (demo) env.putIfAbsent("TERMWISE_CLOCK", now.minus(Demo.BACK).toString());
        LocalTermwise termwise;
        try {
            termwise = LocalTermwise.start(port, env);
        } catch (LocalTermwise.PortBusy busy) {
            System.err.println("Port " + busy.port + " on 127.0.0.1 is already in use (another Termwise, or another program)."
                    + " Stop it, or start on another port: PORT=" + (busy.port + 1) + " infra/local/run");
            System.exit(1);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            termwise.close();
            System.out.println("Termwise stopped.");
            stopped.countDown();
        }));
        var base = termwise.baseUri();
        System.out.println("Termwise listening on " + base + "  (Stripe: " + termwise.sandbox().map(s -> "sandbox at " + s.apiBase()).orElse("api.stripe.com")
                + "; clock " + termwise.clock().instant() + "; Ctrl-C to stop; --help for options)");
        System.out.println("Your Account: " + base.resolve(AccountPage.PATH) + " (sign in as any customer id)");
        if (demo) {
            var customers = new Demo(base).seed(now);
            System.out.println("Demo customers (sign in as one at " + base.resolve(AccountPage.PATH) + ", or TOKEN=$(curl -s -XPOST " + base + "/_local/token -d '{\"sub\":\"<sub>\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/')):");
            for (var c : customers) System.out.printf("  %-10s %s%n", c.sub(), c.stage());
        }
        System.out.println("Try a purchase: TOKEN=$(curl -s -XPOST " + base + "/_local/token -d '{\"sub\":\"cus-1\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/'); "
                + "curl -s -XPOST " + base + "/v1/checkout -H \"Authorization: Bearer $TOKEN\" -d '{\"catalog\":\"online-courses\",\"plan\":\"annual\","
                + "\"customer\":{\"name\":\"Ann\"},\"consents\":{\"beginDuringCancellationPeriod\":true,\"acknowledgeLossOfCancellationRight\":true,\"acknowledgeObligationToPay\":true}}'");
        stopped.await();
    }
}
