package com.termwise.emulators;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code moto_server} (Python; installed on these machines, elsewhere {@code pip install 'moto[server]'})
 * on a free 127.0.0.1 port: the AWS endpoint for SES v2 and EventBridge in tests and benchmarks.
 */
public final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Started and answering, or empty where moto_server is not on the PATH. */
    public static Optional<MotoServer> startIfInstalled() throws IOException, InterruptedException {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, "moto_server").canExecute());
        if (!installed) return Optional.empty();
        int port = LocalDynamo.freePort();
        var process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var endpoint = URI.create("http://127.0.0.1:" + port);
        var http = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
                return Optional.of(new MotoServer(process, endpoint));
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not start on " + endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
