package chat.lifecycle.query.web;

import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.platform.web.NulInText;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** The read routes' bad input that Spring or the database finds, answered as Rocket.Chat's invalid-params. */
@RestControllerAdvice(basePackages = "chat.lifecycle.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadErrors {

    /** {@code offset=abc} and the like: every typed query parameter of the read routes is a number. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> notANumber(MethodArgumentTypeMismatchException e) {
        return ApiException.invalidParams(List.of("must be integer")).response();
    }

    /** U+0000 in a parameter that reached a query ({@link NulInText}); any other database failure stays one. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Map<String, Object>> unreadable(DataAccessException e) {
        if (NulInText.caused(e)) {
            return NulInText.refusal().response();
        }
        throw e;
    }
}
