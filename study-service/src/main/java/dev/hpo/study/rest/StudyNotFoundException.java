package dev.hpo.study.rest;

/** No study has the id in the path. */
public class StudyNotFoundException extends RuntimeException {

    public StudyNotFoundException(String id) {
        super("no study with id '" + id + "'");
    }
}
