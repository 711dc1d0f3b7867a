package com.termwise.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.stripe.Stripe;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import com.termwise.adapters.http.ApiResponses;
import com.termwise.adapters.http.JsonBody;
import com.termwise.adapters.runtime.PaymentGatewayDecorator;
import com.termwise.adapters.runtime.TermwiseContext;
import io.micronaut.context.ApplicationContext;
import com.termwise.app.OutboxRecord;
import com.termwise.app.OutboxRelay;
import com.termwise.app.RequestRefused;
import com.termwise.emulators.LocalDynamo;
import com.termwise.emulators.TestClock;
import com.termwise.adapters.aws.SqsRenewalQueue;
import com.termwise.functions.cancel.CancelHandler;
import com.termwise.functions.dispatch.DispatchHandler;
import com.termwise.functions.renew.RenewSweepHandler;
import com.termwise.functions.renew.RenewWorkerHandler;
import com.termwise.functions.checkout.CheckoutHandler;
import com.termwise.functions.refund.RefundHandler;
import com.termwise.functions.webhook.StripeWebhookHandler;
import com.termwise.stripesandbox.StripeSandbox;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * All of Termwise on one machine: every route of docs/api.md served by the same handler classes the
 * Lambdas run (same API Gateway v2 events), DynamoDB Local and an SQS server in-process, the
 * Stripe sandbox (or Stripe itself when STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET are set), mail
 * and event capture in place of SES and EventBridge, a test clock, and the {@code /_local/*} endpoints.
 */
public final class LocalTermwise implements AutoCloseable {

    private record Route(String method, String template, Pattern pattern, List<String> names, boolean authenticated,
                         RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        static Route of(String method, String template, boolean authenticated, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            var names = new ArrayList<String>();
            var m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) names.add(m.group(1));
            return new Route(method, template, Pattern.compile(template.replaceAll("\\{[^}]+}", "([^/]+)")), names, authenticated, handler);
        }
    }

    private static final int MAX_BODY = JsonBody.MAX_BYTES + 1;

    private final TestClock clock;
    /** Embedded unless AWS_ENDPOINT_URL names an AWS (LocalStack, moto_server): then the table, the queue, SES and EventBridge are there. */
    private final Optional<LocalDynamo> dynamo;
    private final Optional<SQSRestServer> sqs;
    private final Optional<URI> aws;
    private final java.util.concurrent.atomic.AtomicBoolean webhookSince = new java.util.concurrent.atomic.AtomicBoolean();
    private final String dynamoEndpoint;
    private final String sqsEndpoint;
    private final Optional<StripeSandbox> sandbox;
    private final LocalTokens tokens = new LocalTokens();
    /** The functions' Micronaut context, shared by every handler the runner serves: one table, one clock, one Stripe. */
    private final ApplicationContext context;
    private final OutboxRelay relay;
    private final com.termwise.app.RefundSender refunds;
    private final List<Map<String, String>> mail = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, String>> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stateExists = new AtomicBoolean();
    private final Server server;
    private final int port;
    private final List<Route> routes;
    private final software.amazon.awssdk.services.sqs.SqsClient sqsClient;
    private final String queueUrl;
    private final RenewSweepHandler renewSweep;
    private final com.termwise.functions.refund.RefundRetryHandler refundSchedule;
    /** The last London day the reconciliation schedule has compared (locally it runs for days with money moved). */
    private volatile java.time.LocalDate reconciledThrough;
    private final RenewWorkerHandler renewWorker;
    private final DispatchHandler dispatch;
    /** TERMWISE_RUNTIME=lambda: the API routes go through each function's deployment jar in AWS's Lambda runtime. */
    private final Optional<LambdaFunctions> lambdas;
    private final Optional<com.termwise.emulators.MotoServer> moto;

    /**
     * What a fault-injection test puts between Termwise and the systems it calls: DynamoDB's HTTP client, Stripe (the
     * payment gateway), and SES (the mailer). {@link #NONE} leaves each as it is.
     */
    public record Hooks(java.util.function.UnaryOperator<software.amazon.awssdk.http.SdkHttpClient> dynamoHttp,
                        java.util.function.UnaryOperator<com.termwise.app.PaymentGateway> payments,
                        java.util.function.UnaryOperator<OutboxRelay.Mailer> mail) {
        public static final Hooks NONE = new Hooks(c -> c, g -> g, m -> m);
    }

    private LocalTermwise(int port, Map<String, String> env) throws IOException {
        this(port, env, Hooks.NONE, Optional.empty());
    }

    private LocalTermwise(int port, Map<String, String> env, Hooks hooks, Optional<com.termwise.domain.catalog.Catalogs> catalogs) throws IOException {
        clock = new TestClock(Optional.ofNullable(env.get("TERMWISE_CLOCK")).map(Instant::parse).orElse(Clock.systemUTC().instant()));
        // the port first: a busy one stops start-up before anything else is running (PortBusy names it)
        var threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // a webhook arrives while its cause is still being served
        server = new Server(threads);
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (IOException e) {
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) throw new PortBusy(port, e);
            throw e;
        }
        this.port = connector.getLocalPort();
        aws = Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(u -> !u.isBlank()).map(URI::create);
        dynamo = aws.isPresent() ? Optional.empty() : Optional.of(LocalDynamo.start());
        sqs = aws.isPresent() ? Optional.empty()
                : Optional.of(SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("eu-west-2").withAWSAccountId("000000000000").start());
        dynamoEndpoint = aws.map(URI::toString).orElseGet(() -> dynamo.orElseThrow().endpoint());
        sqsEndpoint = aws.map(URI::toString).orElseGet(() -> "http://127.0.0.1:" + sqs.orElseThrow().waitUntilStarted().localAddress().getPort());
        var dynamoClient = hooks == Hooks.NONE && dynamo.isPresent() ? dynamo.get().client() : com.termwise.emulators.LocalAws.client(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                        .httpClient(hooks.dynamoHttp().apply(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())),
                URI.create(dynamoEndpoint));
        if (aws.isPresent()) LocalDynamo.createTable(dynamoClient);
        // Jetty (which DynamoDB Local brings): its error handler lets even a request it cannot parse (a malformed
        // %-escape, a bad header) be answered in the API's error shape, which the JDK's built-in server does not
        // the functions' settings as Micronaut reads their environment variables (TABLE_NAME is table.name, ...)
        var settings = new HashMap<String, Object>();
        settings.put("table.name", LocalDynamo.TABLE);
        // where Stripe's pages send a person back to, locally: a page that says what happened and what to call next
        settings.put("checkout.return-url", "http://127.0.0.1:" + this.port + "/_local/returned?order={ORDER_ID}");
        settings.put("account.page-url", "http://127.0.0.1:" + this.port + AccountPage.PATH);
        boolean realStripe = env.containsKey("STRIPE_API_KEY") && env.containsKey("STRIPE_WEBHOOK_SECRET");
        if (realStripe) {
            settings.put("stripe.api-key", env.get("STRIPE_API_KEY"));
            settings.put("stripe.webhook-secret", env.get("STRIPE_WEBHOOK_SECRET"));
            sandbox = Optional.empty();
        } else {
            // outside tools that sign webhooks or call the sandbox themselves name the secrets; otherwise they are drawn at random
            var key = Optional.ofNullable(env.get("TERMWISE_SANDBOX_KEY")).filter(k -> !k.isBlank())
                    .orElseGet(() -> "sk_test_local_" + Long.toHexString(new java.security.SecureRandom().nextLong()));
            var secret = Optional.ofNullable(env.get("TERMWISE_WEBHOOK_SECRET")).filter(k -> !k.isBlank())
                    .orElseGet(() -> "whsec_local_" + Long.toHexString(new java.security.SecureRandom().nextLong()));
            if (!key.startsWith("sk_test_")) throw new IllegalArgumentException("TERMWISE_SANDBOX_KEY must start with sk_test_ (the sandbox is never live)");
            if (!secret.startsWith("whsec_")) throw new IllegalArgumentException("TERMWISE_WEBHOOK_SECRET must start with whsec_");
            var webhook = URI.create("http://127.0.0.1:" + this.port + "/v1/stripe/webhook");
            sandbox = Optional.of(new StripeSandbox(0, key, secret, Stripe.API_VERSION, clock, () -> Optional.of(webhook)));
            settings.put("stripe.api-key", key);
            settings.put("stripe.webhook-secret", secret);
            settings.put("stripe.api-base", sandbox.get().apiBase());
        }
        com.termwise.adapters.http.Log.simulatedTime(clock::instant); // log lines carry the test clock beside the wall time
        sqsClient = software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(URI.create(sqsEndpoint))
                .region(software.amazon.awssdk.regions.Region.EU_WEST_2)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        var dlqUrl = sqsClient.createQueue(b -> b.queueName("termwise-renewals-dlq")).queueUrl();
        var dlqArn = sqsClient.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        // as template.yaml declares it: five receives, then the dead-letter queue
        queueUrl = sqsClient.createQueue(b -> b.queueName("termwise-renewals").attributesWithStrings(Map.of("VisibilityTimeout", "120",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}"))).queueUrl();
        var outbox = aws.map(this::awsOutbox).orElseGet(() -> new Outbox(hooks.mail().apply(this::captureMail), this::captureEvent));
        PaymentGatewayDecorator payments = hooks.payments()::apply;
        var singletons = new ArrayList<Object>(List.of(dynamoClient, clock, payments, renewalQueue(), outbox.mail(), outbox.events()));
        catalogs.ifPresent(singletons::add);
        context = TermwiseContext.start(settings, singletons.toArray());
        relay = context.getBean(OutboxRelay.class);
        renewSweep = new RenewSweepHandler(context);
        refundSchedule = new com.termwise.functions.refund.RefundRetryHandler(context);
        reconciledThrough = clock.instant().atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toLocalDate().minusDays(1);
        renewWorker = new RenewWorkerHandler(context);
        dispatch = new DispatchHandler(context);
        var checkout = new CheckoutHandler(context);
        var cancel = new CancelHandler(context);
        var refund = new RefundHandler(context);
        refunds = context.getBean(com.termwise.app.RefundSender.class);
        routes = List.of(
                Route.of("GET", "/v1/health", false, checkout),
                Route.of("GET", "/v1/catalogs", false, checkout),
                Route.of("GET", "/v1/catalogs/{catalog}", false, checkout),
                Route.of("POST", "/v1/checkout", true, checkout),
                Route.of("GET", "/v1/orders/{orderId}", true, checkout),
                Route.of("GET", "/v1/subscriptions/{id}", true, checkout),
                Route.of("POST", "/v1/subscriptions/{id}/pay-now", true, checkout),
                Route.of("POST", "/v1/subscriptions/{id}/payment-method", true, checkout),
                Route.of("GET", "/v1/me", true, checkout),
                Route.of("POST", "/v1/stripe/webhook", false, new StripeWebhookHandler(context)),
                Route.of("POST", "/v1/subscriptions/{id}/cancel", true, cancel),
                Route.of("POST", "/v1/subscriptions/{id}/pause", true, cancel),
                Route.of("POST", "/v1/subscriptions/{id}/resume", true, cancel),
                Route.of("POST", "/v1/subscriptions/{id}/change-plan", true, cancel),
                Route.of("PUT", "/v1/subscriptions/{id}/delivery-address", true, cancel),
                Route.of("POST", "/v1/orders/{orderId}/cancel", true, cancel),
                Route.of("POST", "/v1/deliveries/{deliveryId}/delay", true, cancel),
                Route.of("POST", "/v1/enrolments", true, cancel),
                Route.of("POST", "/v1/enrolments/{enrolmentId}/progress", true, cancel),
                Route.of("POST", "/v1/deliveries/{deliveryId}/delivered", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/subscriptions/{id}/cancel", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/subscriptions/{id}/notice", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/orders/{orderId}/terminate", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/subscriptions/{id}/suspend", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/orders/{orderId}/suspend-service", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/orders/{orderId}/price-error", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/erase", true, cancel),
                Route.of("PUT", "/v1/me/marketing", true, cancel),
                Route.of("POST", "/v1/deliveries/{deliveryId}/returned", true, cancel),
                Route.of("POST", "/v1/admin/customers/{customerId}/deliveries/{deliveryId}/return-inspected", true, cancel),
                Route.of("POST", "/v1/orders/{orderId}/refund", true, refund),
                Route.of("POST", "/v1/admin/customers/{customerId}/orders/{orderId}/refund", true, refund),
                Route.of("POST", "/v1/admin/courses/{courseId}/withdraw", true, refund),
                Route.of("POST", "/v1/admin/price-changes", true, refund),
                Route.of("POST", "/v1/admin/promotions", true, refund),
                Route.of("GET", "/v1/admin/reconciliation", true, refund));
        if ("lambda".equals(env.get("TERMWISE_RUNTIME"))) {
            if (env.containsKey("TERMWISE_CLOCK")) throw new IllegalArgumentException("TERMWISE_RUNTIME=lambda runs on the system clock: unset TERMWISE_CLOCK");
            // Secrets Manager (the Stripe secrets) where the functions expect it: LocalStack if AWS_ENDPOINT_URL is set, else moto_server
            moto = aws.isPresent() ? Optional.empty() : startMoto();
            lambdas = Optional.of(lambdaFunctions(moto.map(com.termwise.emulators.MotoServer::endpoint).orElseGet(aws::orElseThrow), Map.of()));
        } else {
            moto = Optional.empty();
            lambdas = Optional.empty();
        }
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                var path = request.getHttpURI().getDecodedPath();
                if (path.equals("/account") || path.startsWith(AccountPage.PATH)) { // static files: no API call, nothing relayed
                    write(response, callback, AccountPage.serve(path, request.getMethod()));
                    return true;
                }
                var headers = new HashMap<String, String>();
                request.getHeaders().forEach(f -> headers.merge(f.getLowerCaseName(), f.getValue(), (a, b) -> a + "," + b));
                var body = new String(Content.Source.asInputStream(request).readNBytes(MAX_BODY), StandardCharsets.UTF_8);
                write(response, callback, serve(request.getMethod(), request.getHttpURI().getDecodedPath(), request.getHttpURI().getQuery(), headers, body));
                return true;
            }
        });
        server.setErrorHandler(new ErrorHandler() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                int status = response.getStatus() < 400 ? 400 : response.getStatus();
                var message = String.valueOf(request.getAttribute(ERROR_MESSAGE));
                LocalTermwise.write(response, callback, ApiResponses.error(status, status == 400 ? "MALFORMED_REQUEST" : "HTTP_" + status,
                        "The request could not be read: " + message + "."));
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the local runner's HTTP server did not start", e);
        }
    }

    private static Optional<com.termwise.emulators.MotoServer> startMoto() {
        try {
            return Optional.of(com.termwise.emulators.MotoServer.startIfInstalled().orElseThrow(() -> new IllegalStateException(
                    "TERMWISE_RUNTIME=lambda needs an AWS endpoint for Secrets Manager: install moto_server or set AWS_ENDPOINT_URL (LocalStack)")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The port asked for is taken (another Termwise, or another program). */
    public static final class PortBusy extends IOException {
        public final int port;

        PortBusy(int port, IOException cause) {
            super("port " + port + " on 127.0.0.1 is already in use", cause);
            this.port = port;
        }
    }

    public static LocalTermwise start(int port, Map<String, String> env) throws IOException {
        return new LocalTermwise(port, env);
    }

    /** The runner with {@code hooks} between Termwise and DynamoDB, Stripe and SES (fault-injection tests). */
    public static LocalTermwise start(int port, Map<String, String> env, Hooks hooks) throws IOException {
        return new LocalTermwise(port, env, hooks, Optional.empty());
    }

    /** The runner serving {@code catalogs} in place of the built-in ones: a deployment that has published another version of a business's terms. */
    public static LocalTermwise start(int port, Map<String, String> env, com.termwise.domain.catalog.Catalogs catalogs) throws IOException {
        return new LocalTermwise(port, env, Hooks.NONE, Optional.of(catalogs));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Optional<StripeSandbox> sandbox() {
        return sandbox;
    }

    /** The API routes served, as {@code "METHOD /path/{param}"}: the same list template.yaml and openapi.yaml declare. */
    public List<String> routeKeys() {
        return routes.stream().map(r -> r.method() + " " + r.template()).toList();
    }

    /** One of the functions' beans (the store, a use case, the gateway), as the handlers are given it. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** DynamoDB Local's endpoint, for a benchmark that counts what each call reads. */
    public String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public TestClock clock() {
        return clock;
    }

    /**
     * Every function of template.yaml as AWS runs it (its deployment jar in AWS's Lambda runtime), against this
     * runner's DynamoDB Local, SQS server and Stripe sandbox; SES, EventBridge and Secrets Manager at {@code aws}
     * (moto_server, or LocalStack), where the sandbox's key and signing secret are stored as the template's two
     * secrets. {@code resources} stand in for the rest of what lives there (the bus, the configuration set, the sender).
     */
    public LambdaFunctions lambdaFunctions(URI aws, Map<String, String> resources) {
        var stripe = sandboxOrRefuse();
        var values = new HashMap<>(resources);
        values.put("StateTable", LocalDynamo.TABLE);
        values.put("RenewalQueue", queueUrl);
        try (var secrets = com.termwise.emulators.LocalAws.client(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder(), aws)) {
            for (var secret : Map.of("StripeApiKeySecret", stripe.apiKey(), "StripeWebhookSigningSecret", stripe.signingSecret()).entrySet()) {
                values.put(secret.getKey(), secrets.createSecret(b -> b.name("termwise-local/" + secret.getKey() + "-" + java.util.UUID.randomUUID())
                        .secretString(secret.getValue())).arn());
            }
        }
        values.put("CheckoutReturnUrl", baseUri() + "/_local/returned?order={ORDER_ID}");
        values.put("AccountSite.DomainName", baseUri().getAuthority()); // CloudFront's host; the page itself is served over plain HTTP here
        var endpoints = Map.of("ACCOUNT_PAGE_URL", baseUri() + AccountPage.PATH,
                "AWS_ENDPOINT_URL", aws.toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint,
                "AWS_ENDPOINT_URL_SQS", sqsEndpoint,
                "STRIPE_API_BASE", stripe.apiBase());
        return new LambdaFunctions(LambdaFunctions.projectTemplate(), values, endpoints);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        lambdas.ifPresent(LambdaFunctions::close);
        moto.ifPresent(com.termwise.emulators.MotoServer::close);
        sandbox.ifPresent(StripeSandbox::close);
        sqs.ifPresent(SQSRestServer::stopAndWait);
        dynamo.ifPresent(LocalDynamo::close);
        context.close();
    }

    // ---- HTTP ----

    private APIGatewayV2HTTPResponse serve(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        if (lambdas.isPresent()) clock.set(Clock.systemUTC().instant()); // the functions' clock: the runner's outbox relay keeps to it
        APIGatewayV2HTTPResponse response;
        try {
            response = path.startsWith("/_local/") ? local(method, path, rawQuery, body) : api(method, path, rawQuery, headers, body);
        } catch (RequestRefused refused) {
            response = ApiResponses.refused(refused);
        } catch (StripeSandbox.SandboxError stripe) { // the customer's side of the sandbox: an unknown id is Stripe's 404, with its reason
            response = ApiResponses.error(stripe.status(), stripe.code().toUpperCase(java.util.Locale.ROOT), stripe.getMessage());
        } catch (RuntimeException e) {
            e.printStackTrace();
            response = ApiResponses.error(500, "INTERNAL_ERROR", "The local runner failed: " + e.getClass().getSimpleName());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error died) { // the function's process stopped mid-invocation: API Gateway answers 502, as for a crashed Lambda
            response = ApiResponses.error(502, "BAD_GATEWAY", "Internal Server Error: the function stopped (" + died.getMessage() + ").");
        }
        if (path.equals("/v1/stripe/webhook")) {
            webhookSince.set(true); // it may have saved a new card: the recovery sweep looks after the request that caused it
        } else {
            // what dispatch does in AWS, at once here: refunds Stripe has not yet accepted, then the outbox; and, after a
            // webhook, the recovery sweep's five minutes (a renewal a new card pays), at once too
            survive("refund-retry", () -> refunds.sendDue(100));
            if (lambdas.isEmpty() && webhookSince.getAndSet(false)) survive("renew-sweep", this::recover);
            survive("dispatch", () -> relay.relay(1000));
        }
        return response;
    }

    private static void write(Response response, Callback callback, APIGatewayV2HTTPResponse answer) {
        response.setStatus(answer.getStatusCode());
        if (answer.getHeaders() != null) answer.getHeaders().forEach((k, v) -> response.getHeaders().put(k, v));
        var bytes = answer.getBody() == null ? new byte[0] : answer.getBody().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }

    private APIGatewayV2HTTPResponse api(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        for (var route : routes) {
            var m = route.pattern().matcher(path);
            if (!route.method().equals(method) || !m.matches()) continue;
            var params = new HashMap<String, String>();
            for (int i = 0; i < route.names().size(); i++) params.put(route.names().get(i), m.group(i + 1));
            // what API Gateway's JWT authorizer does: no valid token, no call
            Optional<Map<String, String>> claims = route.authenticated() ? tokens.verify(headers.get("authorization")) : Optional.empty();
            if (route.authenticated() && claims.isEmpty()) return ApiResponses.error(401, "UNAUTHENTICATED", "Sign in: this needs a valid bearer token.");
            if (!method.equals("GET")) stateExists.set(true);
            if (lambdas.isPresent()) {
                return throughLambdaRuntime(route.handler().getClass(),
                        AwsEvents.httpApi(method, route.template(), path, params, claims.orElse(null), body, false, headers));
            }
            var routeKey = route.method() + " " + route.template();
            var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(routeKey).withRequestId(java.util.UUID.randomUUID().toString())
                    .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build());
            claims.ifPresent(c -> context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(c).build()).build()));
            var event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                    .withRawQueryString(rawQuery).withHeaders(headers).withPathParameters(params)
                    .withBody(body).withIsBase64Encoded(false).withRequestContext(context.build()).build();
            return route.handler().handleRequest(event, null);
        }
        return ApiResponses.error(404, "ROUTE_NOT_FOUND", "No route " + method + " " + path + ".");
    }

    /** The response API Gateway would make of a function's payload 2.0 answer, or a 502 as API Gateway gives for a failed one. */
    private APIGatewayV2HTTPResponse throughLambdaRuntime(Class<?> handler, String event) {
        var outcome = lambdas.orElseThrow().invokeHandler(handler, event);
        if (outcome instanceof com.termwise.lambdaruntime.RuntimeApi.Outcome.Response(var payload)) {
            try {
                var out = AwsEvents.JSON.readTree(payload);
                var headers = new HashMap<String, String>();
                out.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
                return APIGatewayV2HTTPResponse.builder().withStatusCode(out.get("statusCode").asInt()).withHeaders(headers)
                        .withBody(out.path("body").asText(null)).build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ApiResponses.error(502, "BAD_GATEWAY", "Internal Server Error: " + handler.getSimpleName() + " failed: " + outcome);
    }

    private APIGatewayV2HTTPResponse local(String method, String path, String rawQuery, String body) {
        if (lambdas.isPresent() && method.equals("POST") && path.startsWith("/_local/clock")) {
            throw new RequestRefused(409, "SYSTEM_CLOCK", "With TERMWISE_RUNTIME=lambda each function runs in its own JVM on the system clock.",
                    Optional.empty(), Optional.empty());
        }
        var key = method + " " + path.replaceAll("/(cs_test|ch|pi|dp)_[A-Za-z0-9]+", "/{id}");
        var id = path.replaceAll(".*/((cs_test|ch|pi|dp)_[A-Za-z0-9]+).*", "$1");
        return switch (key) {
            case "POST /_local/token" -> {
                var req = JsonBody.parse(body).only("sub", "email", "groups");
                var groups = req.strings("groups");
                var token = tokens.mint(req.string("sub"), req.optString("email").orElse(req.string("sub") + "@example.test"), groups);
                yield ApiResponses.json(200, json -> {
                    json.writeStartObject();
                    json.writeStringField("token", token);
                    json.writeEndObject();
                });
            }
            case "GET /_local/clock" -> now();
            case "POST /_local/clock" -> {
                var to = instant(JsonBody.parse(body).only("now").string("now"));
                if (stateExists.get() && to.isBefore(clock.instant())) {
                    throw RequestRefused.badField("now", "CLOCK_BACKWARDS", "The clock only moves forward once state exists (it is " + clock.instant() + ").");
                }
                clock.set(to);
                yield now();
            }
            case "POST /_local/clock/advance" -> {
                var req = JsonBody.parse(body).only("days", "hours");
                long days = req.optLong("days").orElse(0L), hours = req.optLong("hours").orElse(0L);
                if (days < 0 || hours < 0 || days + hours == 0) throw RequestRefused.badField("days", "INVALID_FIELD", "Advance by a positive number of days or hours.");
                new Schedules().runUntil(clock.instant().plus(Duration.ofDays(days).plusHours(hours)));
                yield now();
            }
            case "POST /_local/stripe/checkout-sessions/{id}/complete" -> {
                var method0 = JsonBody.parse(body).only("paymentMethod").optString("paymentMethod").orElse(StripeSandbox.VISA);
                var intent = sandboxOrRefuse().completeCheckout(id, method0);
                yield ApiResponses.json(200, json -> {
                    json.writeStartObject();
                    // a payment page answers with its PaymentIntent, a card page (setup mode) with its SetupIntent
                    json.writeStringField("payment_intent".equals(intent.get("object")) ? "paymentIntentId" : "setupIntentId", (String) intent.get("id"));
                    json.writeStringField("status", (String) intent.get("status"));
                    if (intent.get("latest_charge") != null) json.writeStringField("chargeId", (String) intent.get("latest_charge"));
                    json.writeEndObject();
                });
            }
            case "POST /_local/stripe/charges/{id}/dispute" -> {
                // the cardholder's bank: an inquiry (no money moves yet) or, by default, a chargeback
                var inquiry = JsonBody.parse(body == null || body.isBlank() ? "{}" : body).only("inquiry").optBool("inquiry").orElse(false);
                var dispute = sandboxOrRefuse().dispute(id, inquiry);
                yield ApiResponses.json(200, json -> {
                    json.writeStartObject();
                    json.writeStringField("disputeId", (String) dispute.get("id"));
                    json.writeStringField("status", (String) dispute.get("status"));
                    json.writeEndObject();
                });
            }
            case "POST /_local/stripe/disputes/{id}/close" -> {
                var won = JsonBody.parse(body).only("won").bool("won");
                var dispute = sandboxOrRefuse().closeDispute(id, won);
                yield ApiResponses.json(200, json -> {
                    json.writeStartObject();
                    json.writeStringField("disputeId", (String) dispute.get("id"));
                    json.writeStringField("status", (String) dispute.get("status"));
                    json.writeEndObject();
                });
            }
            case "POST /_local/stripe/faults" -> {
                // the next `times` calls to a Stripe endpoint fail as `fault`, or `percent` of them until cleared
                var req = JsonBody.parse(body).only("endpoint", "fault", "times", "percent");
                var endpoint = req.string("endpoint");
                if (!endpoint.matches("(GET|POST) /v1/[a-z_/{}]+")) throw RequestRefused.badField("endpoint", "INVALID_FIELD", "'endpoint' is like \"POST /v1/refunds\".");
                var kind = faultKind(req.string("fault"));
                var percent = req.optLong("percent");
                if (percent.isPresent()) {
                    if (percent.get() < 1 || percent.get() > 100) throw RequestRefused.badField("percent", "INVALID_FIELD", "'percent' is 1 to 100.");
                    sandboxOrRefuse().faults().fraction(endpoint, kind, percent.get() / 100.0);
                } else {
                    var times = req.optLong("times").orElse(1L);
                    if (times < 1 || times > 1000) throw RequestRefused.badField("times", "INVALID_FIELD", "'times' is 1 to 1000.");
                    sandboxOrRefuse().faults().next(endpoint, kind, (int) (long) times);
                }
                yield faults();
            }
            case "GET /_local/stripe/faults" -> faults();
            case "DELETE /_local/stripe/faults" -> {
                sandboxOrRefuse().faults().clear();
                yield faults();
            }
            case "POST /_local/stripe/webhooks/replay" -> {
                // every webhook the sandbox has sent (or a customer's: cus_... or their email), `times` over, shuffled, signed afresh
                var req = JsonBody.parse(body == null || body.isBlank() ? "{}" : body).only("customer", "times", "seed");
                var times = req.optLong("times").orElse(1L);
                if (times < 1 || times > 10) throw RequestRefused.badField("times", "INVALID_FIELD", "'times' is 1 to 10.");
                var seed = req.optLong("seed").orElseGet(() -> new java.security.SecureRandom().nextLong());
                var deliveries = sandboxOrRefuse().replay(req.optString("customer"), (int) (long) times, seed);
                var statuses = new java.util.TreeMap<Integer, Integer>();
                deliveries.forEach(d -> statuses.merge(d.status(), 1, Integer::sum));
                yield ApiResponses.json(200, json -> {
                    json.writeStartObject();
                    json.writeNumberField("delivered", deliveries.size());
                    json.writeNumberField("seed", seed);
                    json.writeObjectFieldStart("statuses");
                    for (var e : statuses.entrySet()) json.writeNumberField(Integer.toString(e.getKey()), e.getValue());
                    json.writeEndObject();
                    json.writeEndObject();
                });
            }
            case "GET /_local/returned" -> returned(rawQuery);
            case "GET /_local/mail" -> captured(mail);
            case "GET /_local/events" -> captured(events);
            default -> ApiResponses.error(404, "ROUTE_NOT_FOUND", "No local route " + method + " " + path + ".");
        };
    }

    /**
     * Where Stripe's checkout page sends a person back to, locally (in AWS: CheckoutReturnUrl). It
     * says what happened and which calls show it: the customer's own view needs their token.
     */
    private APIGatewayV2HTTPResponse returned(String rawQuery) {
        var order = Optional.ofNullable(rawQuery).filter(q -> q.startsWith("order=")).map(q -> q.substring("order=".length()))
                .filter(id -> id.matches("[A-Za-z0-9_]{1,64}"));
        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Back from Stripe</title></head><body>"
                + "<h1>Back from Stripe's page</h1>"
                + order.map(id -> "<p>Order <code>" + id + "</code>: Stripe's webhook has told Termwise what happened. See it with "
                        + "<code>curl " + baseUri() + "/v1/orders/" + id + " -H \"Authorization: Bearer $TOKEN\"</code>.</p>").orElse("")
                + "<p>Your account: <code>curl " + baseUri() + "/v1/me -H \"Authorization: Bearer $TOKEN\"</code>; a renewal to pay: "
                + "<code>POST /v1/subscriptions/{id}/pay-now</code>; a new card: <code>POST /v1/subscriptions/{id}/payment-method</code>.</p>"
                + "<p>Mail sent: <a href=\"/_local/mail\">/_local/mail</a> (newest first).</p></body></html>";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", "text/html; charset=utf-8")).withBody(html).build();
    }

    private static com.termwise.stripesandbox.Faults.Kind faultKind(String value) {
        try {
            return com.termwise.stripesandbox.Faults.Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw RequestRefused.badField("fault", "INVALID_FIELD", "'fault' is one of " + java.util.Arrays.toString(com.termwise.stripesandbox.Faults.Kind.values()) + ".");
        }
    }

    private APIGatewayV2HTTPResponse faults() {
        var sandbox = sandboxOrRefuse();
        return ApiResponses.json(200, json -> {
            json.writeStartObject();
            json.writeNumberField("served", sandbox.faults().served());
            json.writeArrayFieldStart("pending");
            for (var f : sandbox.faults().pending()) {
                json.writeStartObject();
                json.writeStringField("endpoint", f.endpoint());
                json.writeStringField("fault", f.kind().name());
                if (f.times() > 0) json.writeNumberField("times", f.times());
                else json.writeNumberField("percent", Math.round(f.fraction() * 100));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private StripeSandbox sandboxOrRefuse() {
        return sandbox.orElseThrow(() -> new RequestRefused(409, "REAL_STRIPE", "Termwise is talking to Stripe itself: pay on the checkout page.",
                Optional.empty(), Optional.empty()));
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw RequestRefused.badField("now", "INVALID_FIELD", "'now' must be an instant like 2026-03-30T09:00:00Z.");
        }
    }

    private APIGatewayV2HTTPResponse now() {
        return ApiResponses.json(200, json -> {
            json.writeStartObject();
            json.writeStringField("now", clock.instant().toString());
            json.writeEndObject();
        });
    }

    private static APIGatewayV2HTTPResponse captured(List<Map<String, String>> records) {
        List<Map<String, String>> newestFirst;
        synchronized (records) {
            newestFirst = new ArrayList<>(records);
        }
        Collections.reverse(newestFirst);
        return ApiResponses.json(200, json -> {
            json.writeStartArray();
            for (var r : newestFirst) {
                json.writeStartObject();
                for (var e : r.entrySet()) json.writeStringField(e.getKey(), e.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    // ---- the schedules, on the test clock ----

    /**
     * What EventBridge Scheduler does in AWS (template.yaml), on the test clock: the renewal sweep at
     * 06:00, the daily dispatch run at 07:00 and the reconciliation with Stripe at 07:30 London time, the
     * renewal queue drained by the worker after each sweep, and the outbox relayed after every tick. Ticks
     * are taken in order; a tick on a day with nothing due changes nothing, so the clock jumps from one day
     * with due work to the next rather than stepping through empty days (the index says which days those
     * are; for the reconciliation, also the days Stripe moved money, which a lost webhook leaves off the index).
     */
    private final class Schedules {
        private enum Run {
            RENEW(java.time.LocalTime.of(6, 0), List.of(com.termwise.app.DueWork.RENEWAL)),
            DISPATCH(java.time.LocalTime.of(7, 0), List.of(com.termwise.app.DueWork.DELIVERY, com.termwise.app.DueWork.NOTICE,
                    com.termwise.app.DueWork.ACCESS, com.termwise.app.DueWork.ANONYMISE, com.termwise.app.DueWork.REFUND)),
            RECONCILE(java.time.LocalTime.of(7, 30), List.of(com.termwise.app.DueWork.RECONCILE));

            final java.time.LocalTime at;
            final List<com.termwise.app.DueWork> work;

            Run(java.time.LocalTime at, List<com.termwise.app.DueWork> work) {
                this.at = at;
                this.work = work;
            }
        }

        private record Tick(Instant at, Run run) {}

        void runUntil(Instant until) {
            synchronized (LocalTermwise.this) {
                survive("renew-sweep", LocalTermwise.this::recover);
                survive("dispatch", () -> relay.relay(1000));
                var last = Instant.MIN;
                while (true) {
                    var tick = next(last);
                    if (tick.isEmpty() || tick.get().at().isAfter(until)) break;
                    if (tick.get().at().isAfter(clock.instant())) clock.set(tick.get().at());
                    switch (tick.get().run()) {
                        case RENEW -> {
                            survive("renew-sweep", () -> renewSweep.handleRequest(Map.of("run", "renew"), null));
                            drainRenewals();
                        }
                        case DISPATCH -> {
                            survive("refund-retry", () -> refunds.sendDue(1000)); // the refund function's schedule (RefundRetryHandler)
                            survive("dispatch", () -> dispatch.handleRequest(Map.of("run", "daily"), null));
                        }
                        case RECONCILE -> {
                            var day = clock.instant().atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toLocalDate().minusDays(1);
                            survive("refund-retry", () -> refundSchedule.handleRequest(Map.of("run", "reconcile"), null));
                            if (day.isAfter(reconciledThrough)) reconciledThrough = day;
                        }
                    }
                    sandbox.ifPresent(StripeSandbox::advance); // sessions expire, pending refunds settle, as Stripe does meanwhile
                    survive("dispatch", () -> relay.relay(1000));
                    last = tick.get().at();
                }
                if (until.isAfter(clock.instant())) clock.set(until);
                sandbox.ifPresent(StripeSandbox::advance);
                survive("dispatch", () -> relay.relay(1000));
            }
        }

        /** The first tick after {@code after} (and not before now) on a day its kind of work is due. */
        private Optional<Tick> next(Instant after) {
            var floor = clock.instant().isAfter(after) ? clock.instant() : after.plusSeconds(1);
            Optional<Tick> best = Optional.empty();
            for (var run : Run.values()) {
                var dues = new ArrayList<Instant>();
                for (var work : run.work) {
                    bean(com.termwise.app.StateStore.class).earliestDue(work).map(due -> due.length() == 10
                            ? java.time.LocalDate.parse(due).atStartOfDay(com.termwise.domain.calendar.BusinessCalendar.LONDON).toInstant()
                            : Instant.parse(due)).ifPresent(dues::add);
                }
                if (run == Run.RECONCILE) stripeMoneyAfter(reconciledThrough).ifPresent(day -> dues.add(day.plusDays(1)
                        .atStartOfDay(com.termwise.domain.calendar.BusinessCalendar.LONDON).toInstant()));
                for (var dueAt : dues) {
                    var tick = tickAtOrAfter(dueAt.isAfter(floor) ? dueAt : floor, run.at);
                    if (best.isEmpty() || tick.isBefore(best.get().at())) best = Optional.of(new Tick(tick, run));
                }
            }
            return best;
        }

        /** The first London day after {@code day} on which the Stripe sandbox moved money (a charge, a refund, a dispute). */
        private Optional<java.time.LocalDate> stripeMoneyAfter(java.time.LocalDate day) {
            return sandbox.flatMap(s -> s.firstMoneyFrom(day.plusDays(1).atStartOfDay(com.termwise.domain.calendar.BusinessCalendar.LONDON).toInstant()))
                    .map(at -> at.atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toLocalDate());
        }

        private static Instant tickAtOrAfter(Instant from, java.time.LocalTime at) {
            var day = from.atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toLocalDate();
            var tick = day.atTime(at).atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toInstant();
            return tick.isBefore(from) ? day.plusDays(1).atTime(at).atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toInstant() : tick;
        }
    }

    static final String MAIL_FROM = "accounts@termwise.local", CONFIGURATION_SET = "termwise-local", EVENT_BUS = "termwise-local";

    /**
     * With AWS_ENDPOINT_URL the outbox goes where dispatch sends it in AWS: SES (from a verified sender, with a
     * configuration set) and an EventBridge bus, created here as template.yaml creates them (unless an earlier run at the
     * same endpoint did); each record is also kept
     * for /_local/mail and /_local/events.
     */
    /** Where the outbox relay sends: mail and the event bus. */
    private record Outbox(OutboxRelay.Mailer mail, OutboxRelay.EventPublisher events) {}

    private Outbox awsOutbox(URI endpoint) {
        var ses = com.termwise.emulators.LocalAws.client(software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()), endpoint);
        var events = com.termwise.emulators.LocalAws.client(software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()), endpoint);
        if (ses.listEmailIdentities(b -> { }).emailIdentities().stream().noneMatch(i -> i.identityName().equals(MAIL_FROM))) {
            ses.createEmailIdentity(b -> b.emailIdentity(MAIL_FROM));
        }
        if (!ses.listConfigurationSets(b -> { }).configurationSets().contains(CONFIGURATION_SET)) {
            ses.createConfigurationSet(b -> b.configurationSetName(CONFIGURATION_SET));
        }
        if (events.listEventBuses(b -> b.namePrefix(EVENT_BUS)).eventBuses().stream().noneMatch(bus -> bus.name().equals(EVENT_BUS))) {
            events.createEventBus(b -> b.name(EVENT_BUS));
        }
        var mailer = new com.termwise.adapters.aws.SesMailer(ses, MAIL_FROM, CONFIGURATION_SET);
        var publisher = new com.termwise.adapters.aws.EventBridgePublisher(events, EVENT_BUS);
        return new Outbox(mail -> {
            mailer.send(mail);
            captureMail(mail);
        }, event -> {
            publisher.publish(event);
            captureEvent(event);
        });
    }

    /** The recovery sweep (every five minutes in AWS): renewals a customer's new card is to pay, charged through the queue now. */
    private void recover() {
        renewSweep.handleRequest(Map.of("run", "recover"), null);
        drainRenewals();
    }

    /**
     * One invocation of a scheduled function: if its process stops (an Error: out of memory aside, a fault test's
     * crash), the schedule carries on, as EventBridge Scheduler's next run does in AWS; what the invocation left
     * undone is for the next run.
     */
    private static void survive(String function, Runnable invocation) {
        try {
            invocation.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error died) {
            log(function, died);
        }
    }

    private static void log(String function, Error died) {
        com.termwise.adapters.http.Log.work(function, "-", "invocation", "STOPPED", 0, Optional.of(died));
    }

    /** The renewal queue on the in-process SQS server, as the sweep sends to it. */
    public SqsRenewalQueue renewalQueue() {
        return new SqsRenewalQueue(sqsClient, queueUrl);
    }

    /** The renewal queue's URL on the in-process SQS server. */
    public String renewalQueueUrl() {
        return queueUrl;
    }

    /** What a drain handed to the worker: messages handled, and those the worker reported as failed. */
    public record Drained(int handled, int failed) {}

    /**
     * What the SQS event source does: batches of up to ten to the worker; a reported failure is
     * received again (five times, then the DLQ). Safe to run on several threads at once, as Lambda
     * runs several workers.
     */
    public Drained drainRenewals() {
        int handled = 0, failedCount = 0;
        for (int round = 0; round < 10_000; round++) {
            var messages = sqsClient.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) break;
            var event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
            event.setRecords(messages.stream().map(m -> {
                var record = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
                record.setMessageId(m.messageId());
                record.setBody(m.body());
                record.setReceiptHandle(m.receiptHandle());
                return record;
            }).toList());
            com.amazonaws.services.lambda.runtime.events.SQSBatchResponse answer;
            try {
                answer = renewWorker.handleRequest(event, null);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Error died) {
                // the worker's process stopped: SQS deletes nothing and the batch comes back after its visibility timeout
                log("renew", died);
                break;
            }
            var failed = answer.getBatchItemFailures().stream().map(f -> f.getItemIdentifier()).collect(java.util.stream.Collectors.toSet());
            handled += messages.size();
            failedCount += failed.size();
            for (var m : messages) {
                if (failed.contains(m.messageId())) {
                    sqsClient.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                } else {
                    sqsClient.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return new Drained(handled, failedCount);
    }

    // ---- SES and EventBridge stand-ins: what would have been sent, readable at /_local/mail and /_local/events ----

    private void captureMail(OutboxRecord record) {
        var m = new java.util.LinkedHashMap<String, String>();
        m.put("to", record.to().orElse(""));
        m.put("subject", record.subject());
        m.put("template", record.template());
        m.put("sentAt", clock.instant().toString());
        m.put("text", record.body());
        mail.add(m);
    }

    private void captureEvent(OutboxRecord record) {
        var m = new java.util.LinkedHashMap<String, String>();
        m.put("source", "termwise");
        m.put("detailType", record.subject());
        m.put("detail", record.body());
        m.put("time", clock.instant().toString());
        events.add(m);
    }
}
