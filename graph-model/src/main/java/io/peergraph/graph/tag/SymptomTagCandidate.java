package io.peergraph.graph.tag;

import io.peergraph.graph.symptom.Symptom;
import java.util.List;

/**
 * A tag that the reports carrying it say is another name of a symptom ({@link Relation#SYNONYM}: most reports with
 * the tag show the symptom and most reports showing the symptom carry the tag) or a narrower kind of it
 * ({@link Relation#NARROWER}: most reports with the tag show the symptom, few showing the symptom carry the tag).
 * {@code confidence} = shared / tagReports, {@code reverseConfidence} = shared / symptomReports, {@code lift} =
 * shared × all reports / (tagReports × symptomReports): how much likelier the symptom is on a report with the tag.
 */
public record SymptomTagCandidate(TagRef tag, Symptom symptom, Relation relation, int tagReports, int symptomReports, int sharedReports,
                                  double confidence, double reverseConfidence, double lift, List<String> exampleReportIds) {

    public enum Relation { SYNONYM, NARROWER }
}
