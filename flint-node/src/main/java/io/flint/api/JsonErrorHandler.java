package io.flint.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flint.api.view.ErrorView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answers to what never reaches an endpoint (a malformed URL, a URL or headers over
 * {@link ApiServer#MAX_REQUEST_HEAD_BYTES}, a request that is not HTTP) in the API's
 * {@code {"error","reason"}} instead of Jetty's HTML page: a client of a JSON API parses the
 * body of every answer.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON = "application/json";

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
    }

    /** The API's error code for a status Jetty or Javalin answers by itself. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 500 -> "internal";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> "http_" + status;
        };
    }

    /**
     * A sentence for a refusal by Jetty, whose own messages are terse or missing. A URL Jetty
     * cannot decode or resolve ({@code /%zz}, {@code /status%00}, {@code /a/../../b}) comes with no
     * detail but the status's name, so its reason lists what that can be rather than guess.
     */
    static String reason(int status, String message) {
        String detail = message == null || message.isBlank() || message.strip().equalsIgnoreCase(HttpStatus.getMessage(status))
                ? "" : message.strip();
        return switch (status) {
            case 400 -> "the request is malformed: " + (detail.isEmpty()
                    ? "its URL cannot be decoded or resolved (a '%' not followed by two hex digits, an encoded "
                            + "control character such as %00, or '..' climbing above /), or its request line or "
                            + "headers are not valid HTTP"
                    : plain(detail));
            case 414 -> "the request's URL is longer than " + ApiServer.MAX_REQUEST_HEAD_BYTES + " bytes";
            case 431 -> "the request's headers are larger than " + ApiServer.MAX_REQUEST_HEAD_BYTES + " bytes";
            case 505 -> "this server speaks HTTP/1.0 and HTTP/1.1" + (detail.equals("HTTP/0.9 not supported")
                    ? ", not HTTP/0.9 (a request line needs a method, a URL and a version, one space apart)"
                    : "; the request line names another version");
            default -> detail.isEmpty() ? "HTTP " + status : detail;
        };
    }

    /** Jetty's parser texts in plain words; any other text as it is. */
    private static String plain(String jetty) {
        if (jetty.startsWith("Illegal character")) {
            String what = jetty.contains("SPACE") ? "a space" : "a character HTTP does not allow ("
                    + jetty.substring("Illegal character".length()).strip() + ")";
            return what + " in the request line or a header name (a space in a URL must be sent as %20)";
        }
        return switch (jetty) {
            case "No URI" -> "the request line has no URL";
            case "No Host" -> "the request has no Host header, which HTTP/1.1 requires";
            case "Mismatched Authority" -> "the host in the request's URL is not the one in its Host header";
            case "Invalid Content-Length Value" -> "the Content-Length header is not a number of bytes";
            default -> jetty;
        };
    }

    private byte[] body(int status, String message) {
        return ApiJson.write(mapper, new ErrorView(code(status), reason(status, message))).getBytes(StandardCharsets.UTF_8);
    }

    /** What the HTTP parser refuses (bad request line, headers, URL too long): no request object exists yet. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
        return ByteBuffer.wrap(body(status, reason));
    }

    /** Every method gets the body, not only GET, POST and HEAD as Jetty's page does. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** What Jetty refuses once it has a request (a URL it cannot decode) or any sendError. */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        byte[] body = body(code, message);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }
}
