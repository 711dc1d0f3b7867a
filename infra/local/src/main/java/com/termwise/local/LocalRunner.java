package com.termwise.local;

import java.util.concurrent.CountDownLatch;

/** {@code infra/local/run}: starts {@link LocalTermwise} on 127.0.0.1:${PORT:-8080} until Ctrl-C. */
public final class LocalRunner {

    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        var termwise = LocalTermwise.start(port, System.getenv());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            termwise.close();
            System.out.println("Termwise stopped.");
            stopped.countDown();
        }));
        var base = termwise.baseUri();
        System.out.println("Termwise listening on " + base + "  (Stripe: " + termwise.sandbox().map(s -> "sandbox at " + s.apiBase()).orElse("api.stripe.com")
                + "; clock " + termwise.clock().instant() + "; Ctrl-C to stop)");
        System.out.println("Try a purchase: TOKEN=$(curl -s -XPOST " + base + "/_local/token -d '{\"sub\":\"cus-1\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/'); "
                + "curl -s -XPOST " + base + "/v1/checkout -H \"Authorization: Bearer $TOKEN\" -d '{\"catalog\":\"online-courses\",\"plan\":\"annual\","
                + "\"customer\":{\"name\":\"Ann\"},\"consents\":{\"beginDuringCancellationPeriod\":true,\"acknowledgeLossOfCancellationRight\":true}}'");
        stopped.await();
    }
}
