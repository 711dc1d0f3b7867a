package com.termwise.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * DynamoDB Local, in-process and in memory on 127.0.0.1, with Termwise's table created from
 * {@code template.yaml}. Always started with {@code -disableTelemetry}: nothing may leave this machine.
 */
public final class LocalDynamo implements AutoCloseable {

    public static final String TABLE = "termwise-local";

    private final DynamoDBProxyServer server;
    private final int port;
    private final DynamoDbClient client;

    private LocalDynamo(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = LocalAws.client(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()), URI.create(endpoint()));
    }

    /** The table as template.yaml declares it, at any DynamoDB endpoint (this one, or LocalStack's), unless it exists. */
    public static void createTable(DynamoDbClient client) throws IOException {
        try (var template = LocalDynamo.class.getResourceAsStream("/termwise/template.yaml")) {
            TableDefinition.fromTemplate(template, "StateTable").create(client, TABLE);
        }
    }

    public static LocalDynamo start() {
        int port = freePort();
        try {
            // DynamoDB Local prints its configuration banner to stdout on every start (each test, each runner): not ours to show
            var stdout = System.out;
            DynamoDBProxyServer server;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
            } finally {
                System.setOut(stdout);
            }
            var local = new LocalDynamo(server, port);
            createTable(local.client);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
