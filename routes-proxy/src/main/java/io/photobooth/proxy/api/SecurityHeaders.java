package io.photobooth.proxy.api;

import java.io.IOException;

import io.photobooth.proxy.ProxyRole;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every answer of the proxy, refusals included: {@code X-Content-Type-Options: nosniff},
 * so that a browser never runs an answer as another type than it is sent as; and
 * {@code Cache-Control: no-store}, because the kiosk API's answers carry presigned URLs, which are
 * credentials for their lifetime, and a shared cache does not know that {@code X-Api-Key} makes an
 * answer private (it knows that only of {@code Authorization}). What sets its own
 * {@code Cache-Control} keeps it: the kiosk page's files ({@code no-cache}) and the event stream's
 * ({@code no-cache}).
 */
@Component
@ProxyRole
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SecurityHeaders extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        addTo(response);
        chain.doFilter(request, response);
    }

    /** Also written by {@link ProblemErrorReportValve} on what Tomcat refuses before any filter runs. */
    static void addTo(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
