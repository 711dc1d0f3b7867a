package com.termwise.domain.catalog;

/** docs/api.md course kinds; written in catalogs in their API spelling. */
public enum CourseKind {
    STANDARD("standard"), AWARDING_BODY("awarding-body"), BUNDLE("bundle"), CAREER_PATH("career-path"), EXCLUSIVE("exclusive");

    private final String code;

    CourseKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static java.util.Optional<CourseKind> fromCode(String code) {
        for (var k : values()) if (k.code.equals(code)) return java.util.Optional.of(k);
        return java.util.Optional.empty();
    }
}
