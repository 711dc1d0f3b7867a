import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * Micronaut's own share of a function's init: a fresh JVM on the function's artifact builds the function's context as
 * its handler does ({@code FunctionContext}), with no bean asked for and without micronaut-crac's start-up registration
 * (which would build the SnapStart priming's DynamoDB client and catalogs, the function's work, not Micronaut's).
 * Called reflectively, so the probe compiles against any artifact.
 */
public final class MicronautShare implements RequestHandler<Object, String> {

    private final Object context;

    public MicronautShare() throws Exception {
        var builder = Class.forName("com.termwise.adapters.runtime.FunctionContext").getMethod("builder").invoke(null);
        var type = Class.forName("io.micronaut.context.ApplicationContextBuilder");
        type.getMethod("properties", java.util.Map.class).invoke(builder, java.util.Map.of("crac.enabled", false));
        context = type.getMethod("start").invoke(builder);
    }

    @Override
    public String handleRequest(Object event, Context lambda) {
        return context == null ? "500" : "200";
    }
}
