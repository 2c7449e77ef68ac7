package vn.dvk.evaluation.round;

/** The level a round reviews at; districts only in campaigns from before 1 July 2025. */
public enum Level {
    COMMUNE, DISTRICT, PROVINCE
}
