package dev.switchboard.account.actions;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** The account API's refusals as problem+json: the rule, the field at fault ({@code fields}) and the audit row. */
@RestControllerAdvice(assignableTypes = AccountController.class)
class AccountProblems {

    @ExceptionHandler(ActionRefusedException.class)
    ProblemDetail refused(ActionRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status() == HttpStatus.NOT_FOUND ? "Not found" : "Refused by policy");
        problem.setProperty("rule", e.rule().id());
        problem.setProperty("fields", e.field() == null ? List.of() : List.of(e.field()));
        problem.setProperty("actionId", e.actionId().toString());
        return problem;
    }

    /** A body or parameter that cannot be read (a date that is not one, a number that is not one). */
    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getReason());
        problem.setTitle("Invalid request");
        String parameter = e.getMethodParameter() == null ? null : e.getMethodParameter().getParameterName();
        problem.setProperty("fields", parameter == null ? List.of() : List.of(parameter));
        return problem;
    }
}
