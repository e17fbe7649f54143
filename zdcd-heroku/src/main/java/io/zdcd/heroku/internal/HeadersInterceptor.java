package io.zdcd.heroku.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds what every Heroku API call carries: {@code Accept: application/vnd.heroku+json; version=3} (unless the call
 * asks for a variant), {@code Authorization: Bearer <token>}, {@code User-Agent: zdcd/<version>} and a fresh
 * {@code Request-Id}. Only requests tagged as API calls get them: output streams and pre-signed upload URLs are
 * other hosts and never see the token.
 */
final class HeadersInterceptor implements Interceptor {
    private final Secret token;
    private final String userAgent;

    HeadersInterceptor(Secret token, String userAgent) {
        this.token = token;
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        ApiTransport.ApiTag tag = request.tag(ApiTransport.ApiTag.class);
        if (tag == null) {
            return chain.proceed(request);
        }
        Request.Builder b = request.newBuilder()
                .header("Authorization", "Bearer " + token.reveal())
                .header("User-Agent", userAgent)
                .header("Request-Id", tag.requestId());
        if (request.header("Accept") == null) {
            b.header("Accept", ApiTransport.ACCEPT);
        }
        return chain.proceed(b.build());
    }
}
