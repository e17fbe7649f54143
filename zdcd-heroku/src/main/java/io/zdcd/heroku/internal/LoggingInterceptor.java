package io.zdcd.heroku.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One DEBUG line per HTTP call: method, path, status, time, Request-Id. Never headers, query strings or bodies. */
final class LoggingInterceptor implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger("io.zdcd.heroku.http");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!log.isDebugEnabled()) {
            return chain.proceed(request);
        }
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            log.debug("{} {} -> {} in {} ms (Request-Id {})", request.method(), request.url().encodedPath(),
                    response.code(), (System.nanoTime() - start) / 1_000_000, response.header("Request-Id", "-"));
            return response;
        } catch (IOException e) {
            log.debug("{} {} -> {} after {} ms", request.method(), request.url().encodedPath(),
                    e.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
            throw e;
        }
    }
}
