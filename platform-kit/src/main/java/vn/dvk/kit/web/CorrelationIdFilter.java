package vn.dvk.kit.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/** Takes the correlation id from the request (or makes one), answers with it and keeps it current while serving. */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.acceptOrCreate(request.getHeader(CorrelationId.HEADER));
        response.setHeader(CorrelationId.HEADER, id);
        try (CorrelationId.Scope ignored = CorrelationId.use(id)) {
            chain.doFilter(request, response);
        }
    }
}
