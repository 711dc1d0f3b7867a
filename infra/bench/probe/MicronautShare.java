import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * Micronaut's own share of a function's init: a fresh JVM on the function's artifact builds the function's context as
 * its handler does ({@code FunctionContext}), with no bean asked for. Called reflectively, so the probe compiles
 * against any artifact.
 */
public final class MicronautShare implements RequestHandler<Object, String> {

    private final Object context;

    public MicronautShare() throws Exception {
        var builder = Class.forName("com.termwise.adapters.runtime.FunctionContext").getMethod("builder").invoke(null);
        context = Class.forName("io.micronaut.context.ApplicationContextBuilder").getMethod("start").invoke(builder);
    }

    @Override
    public String handleRequest(Object event, Context lambda) {
        return context == null ? "500" : "200";
    }
}
