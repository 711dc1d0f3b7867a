package com.termwise.adapters.runtime;

import com.termwise.adapters.aws.SesMailer;
import com.termwise.app.OutboxRelay;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Mail through SES v2, in the one artifact that carries its client (dispatch). */
@Factory
@Requires(classes = SesV2Client.class)
public class MailBeans {

    /**
     * From {@code MAIL_FROM} and {@code SES_CONFIGURATION_SET}. The SES client is built on the first mail: a daily run
     * with nothing to send never builds it (docs/benchmarks.md, dispatch's cold start).
     */
    @Singleton
    @Requires(missingBeans = OutboxRelay.Mailer.class)
    OutboxRelay.Mailer mailer(@Nullable @Property(name = "mail.from") String from,
                              @Nullable @Property(name = "ses.configuration-set") String configurationSet) {
        var sender = EnvironmentVariable.required(from, "MAIL_FROM");
        var set = EnvironmentVariable.required(configurationSet, "SES_CONFIGURATION_SET");
        var mailer = FirstUse.of(() -> new SesMailer(SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), sender, set));
        return mail -> mailer.get().send(mail);
    }
}
