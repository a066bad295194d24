package io.errcat;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a caller knows about the call an Arklet answer belongs to, for {@link Errcat#classifyArklet(String,
 * ArkletCall)}: the tunnel it came through, the command that was sent and the HTTP status. Immutable: each
 * {@code with...} returns a new value.
 *
 * <pre>{@code
 * ArkletCall.http("installBiz")                    // an HTTP answer to installBiz
 * ArkletCall.http("installBiz").withHttpStatus(200)
 * ArkletCall.mqtt()                                // a bizOperation payload: it names its command
 * ArkletCall.client()                              // the text of an error ModuleController's own client returned
 * }</pre>
 *
 * <p>The values are passed to the errcat core as they are and read there, as in every errcat language: commands
 * and tunnels case-insensitively ({@code "installbiz"} and {@code "/installBiz"} too), an empty value or an HTTP
 * status of 0 as "not given", anything else unknown as {@code INVALID_ARGUMENT} when the answer is classified.
 * Rules that depend on the command (an exception on the install, uninstall or switch path) apply only when it is
 * given.
 */
public final class ArkletCall {
    private static final ArkletCall UNKNOWN = new ArkletCall(null, null, null);

    private final String tunnel;
    private final String command;
    private final Integer httpStatus;

    private ArkletCall(String tunnel, String command, Integer httpStatus) {
        this.tunnel = tunnel;
        this.command = command;
        this.httpStatus = httpStatus;
    }

    /**
     * Nothing known: an answer over HTTP (the default tunnel) to an unknown command.
     *
     * @return the call
     */
    public static ArkletCall unknown() {
        return UNKNOWN;
    }

    /**
     * An answer over HTTP to an unknown command.
     *
     * @return the call
     */
    public static ArkletCall http() {
        return new ArkletCall("http", null, null);
    }

    /**
     * An answer over HTTP (the body of Arklet's response) to {@code command}.
     *
     * @param command the Arklet command ({@code "installBiz"}, {@code "uninstallBiz"}, {@code "queryAllBiz"}, ...)
     * @return the call
     */
    public static ArkletCall http(String command) {
        return new ArkletCall("http", command, null);
    }

    /**
     * A {@code bizOperation} payload over MQTT ({@code {publishTimestamp, data: {command, bizName, bizVersion,
     * response}}}, or the bare response): the command comes from the payload.
     *
     * @return the call
     */
    public static ArkletCall mqtt() {
        return new ArkletCall("mqtt", null, null);
    }

    /**
     * The text of an error ModuleController's own client returned (connection refused, timeouts, {@code response
     * status: 404}, decode errors), classified in ModuleController's table.
     *
     * @return the call
     */
    public static ArkletCall client() {
        return new ArkletCall("client", null, null);
    }

    /**
     * The same call with the command known.
     *
     * @param command the Arklet command ({@code null} or empty: not given)
     * @return a new call
     */
    public ArkletCall withCommand(String command) {
        return new ArkletCall(tunnel, command, httpStatus);
    }

    /**
     * The same call with the HTTP status known (it corroborates the plain-text 500 Arklet sends for a non-POST).
     *
     * @param status the HTTP status, 100..599 (0: not given)
     * @return a new call
     */
    public ArkletCall withHttpStatus(int status) {
        return new ArkletCall(tunnel, command, status);
    }

    /**
     * The same call through another tunnel.
     *
     * @param tunnel {@code "http"}, {@code "mqtt"} or {@code "client"} ({@code null} or empty: HTTP)
     * @return a new call
     */
    public ArkletCall withTunnel(String tunnel) {
        return new ArkletCall(tunnel, command, httpStatus);
    }

    /**
     * The tunnel, as given.
     *
     * @return the tunnel, empty when not given (HTTP)
     */
    public Optional<String> tunnel() {
        return Optional.ofNullable(tunnel);
    }

    /**
     * The command, as given.
     *
     * @return the command, empty when not given
     */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    /**
     * The HTTP status, as given.
     *
     * @return the status, empty when not given
     */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * The arguments of the core's {@code classify} and {@code enrich}: the body, then the context; those not given
     * at the end are left off (the core reads a missing argument as not given, and the native library reads none in
     * vain).
     */
    Object[] args(Object body) {
        if (tunnel != null) {
            return new Object[] {body, command, httpStatus == null ? null : (long) httpStatus, tunnel};
        }
        if (httpStatus != null) {
            return new Object[] {body, command, (long) httpStatus};
        }
        return command != null ? new Object[] {body, command} : new Object[] {body};
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ArkletCall)) {
            return false;
        }
        ArkletCall c = (ArkletCall) o;
        return Objects.equals(tunnel, c.tunnel) && Objects.equals(command, c.command)
                && Objects.equals(httpStatus, c.httpStatus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tunnel, command, httpStatus);
    }

    @Override
    public String toString() {
        return "ArkletCall(tunnel=" + tunnel + ", command=" + command + ", httpStatus=" + httpStatus + ")";
    }
}
