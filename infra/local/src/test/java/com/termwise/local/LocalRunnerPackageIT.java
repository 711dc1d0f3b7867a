package com.termwise.local;

import com.termwise.emulators.LocalDynamo;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The packaged runner, as {@code infra/local/run} starts it: its jar and lib/ alone must be enough
 * (a dependency only the tests' class path had would pass every other test and fail here).
 */
class LocalRunnerPackageIT {

    @Test
    void the_packaged_runner_starts_and_serves_the_catalogs() throws Exception {
        int port = LocalDynamo.freePort();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", "target/termwise-local.jar")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        var process = builder.start();
        try {
            var http = HttpClient.newHttpClient();
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/catalogs")).timeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = null;
            for (int i = 0; i < 120 && response == null && process.isAlive(); i++) {
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertNotNull(response, "the runner did not answer (alive: " + process.isAlive() + ")");
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("meal-plans"));
        } finally {
            process.destroy();
        }
    }
}
