# Derives the Peergraph fixture of the STAR domain from the STAR data set of the R package AER
# (Debian: apt-get install r-cran-aer). Run from this folder:
#   Rscript derive.R                 # the shipped sample: 800 kindergarten pupils drawn at random (seed 19)
#   Rscript derive.R --all DIR       # every one of the 6,325 kindergarten pupils, written to DIR
# Writes customers.csv, configurations.csv, reports.csv, solutions.csv, confirmations.csv, measurements.csv
# in the generic import format (docs/import-format.md).
#
# The mapping (docs/adding-a-domain.md, section 1): a pupil is a customer; their kindergarten class (school area,
# free lunch, gender, birth quarter, the teacher's degree and years of experience) is the configuration; a reading
# or maths score below the kindergarten median at the end of the year is a symptom; the class type the pupil was in
# during grade 1 (small, regular, regular with a teacher's aide; assigned at random by the experiment) is the solution
# tried, and it worked when every subject that was behind scores at or above the grade-1 median; the kindergarten
# reading score is the metric.
suppressMessages(library(AER))
data(STAR, package = "AER")
args <- commandArgs(trailingOnly = TRUE)
out <- if ("--all" %in% args) args[which(args == "--all") + 1] else "."
dir.create(out, showWarnings = FALSE, recursive = TRUE)

star <- STAR
star$id <- as.integer(rownames(star))
k <- star[!is.na(star$stark), ]
# Percentiles within the whole kindergarten (grade 1) population, before any sampling.
below <- function(score, q) !is.na(score) & score < quantile(score, q, na.rm = TRUE)
k$readBehind <- below(k$readk, 0.5); k$readLow <- below(k$readk, 0.25)
k$mathBehind <- below(k$mathk, 0.5); k$mathLow <- below(k$mathk, 0.25)
median1 <- c(read = median(star$read1, na.rm = TRUE), math = median(star$math1, na.rm = TRUE))
if (!("--all" %in% args)) {
  set.seed(19)
  k <- k[sort(sample(nrow(k), 800)), ]
}
k <- k[order(k$id), ]
pupil <- function(id) sprintf("star-%d", id)
cfg <- function(id) sprintf("star:k:%d", id)
csv <- function(frame, file) write.csv(frame, file.path(out, file), row.names = FALSE, na = "", fileEncoding = "UTF-8")

customers <- data.frame(handle = c("tennessee-star", pupil(k$id)),
                        displayName = c("Tennessee STAR experiment", sprintf("Pupil %d", k$id)),
                        kind = c("ORGANISATION", rep("PERSON", nrow(k))))
csv(customers, "customers.csv")

items <- function(r) {
  parts <- c()
  add <- function(kind, value) if (!is.na(value)) parts <<- c(parts, paste0(kind, "=", value))
  add("school", as.character(r$schoolk))
  add("lunch", as.character(r$lunchk))
  add("gender", as.character(r$gender))
  add("birth", if (is.na(r$birth)) NA else format(r$birth))
  add("teacher_degree", as.character(r$degreek))
  add("teacher_experience", r$experiencek)
  paste(parts, collapse = ";")
}
configurations <- data.frame(sourceKey = cfg(k$id), owner = pupil(k$id), name = "Kindergarten class, 1985-86",
                             privacy = "COMMUNITY", items = sapply(seq_len(nrow(k)), function(i) items(k[i, ])))
csv(configurations, "configurations.csv")

symptoms <- function(r) {
  s <- c()
  if (r$readLow) s <- c(s, "reading/lowest-quarter") else if (r$readBehind) s <- c(s, "reading/below-median")
  if (r$mathLow) s <- c(s, "math/lowest-quarter") else if (r$mathBehind) s <- c(s, "math/below-median")
  paste(s, collapse = ";")
}
k$symptoms <- sapply(seq_len(nrow(k)), function(i) symptoms(k[i, ]))
k$grade1 <- !is.na(k$star1) & (!k$readBehind | !is.na(k$read1)) & (!k$mathBehind | !is.na(k$math1))
# Caught up: every subject that was behind at the end of kindergarten is at or above the grade-1 median.
k$caughtUp <- k$grade1 & (!k$readBehind | k$read1 >= median1[["read"]]) & (!k$mathBehind | k$math1 >= median1[["math"]])
behind <- k[k$symptoms != "", ]
reports <- data.frame(sourceKey = sprintf("star:k-report:%d", behind$id), owner = pupil(behind$id),
                      configuration = cfg(behind$id), title = "Behind at the end of kindergarten",
                      status = ifelse(!behind$grade1, "OPEN", ifelse(behind$caughtUp, "SOLVED", "CLOSED")),
                      privacy = "COMMUNITY", occurredAt = "1986-05-15", symptoms = behind$symptoms)
csv(reports, "reports.csv")

type <- c("regular", "small", "regular+aide")
key <- c("star:grade1:regular", "star:grade1:small", "star:grade1:regular-with-aide")
tried <- behind[behind$grade1, ]
arm <- match(as.character(tried$star1), type)
solutions <- data.frame(sourceKey = key, proposer = "tennessee-star",
                        title = c("Regular class in grade 1", "Small class in grade 1", "Regular class with a teacher's aide in grade 1"),
                        kind = "OTHER", symptoms = "reading/below-median;reading/lowest-quarter;math/below-median;math/lowest-quarter",
                        steps = c("A class of 22-25 pupils with one teacher, as assigned by the STAR experiment (1986-87)",
                                  "A class of 13-17 pupils with one teacher, as assigned by the STAR experiment (1986-87)",
                                  "A class of 22-25 pupils with a teacher and a full-time teacher's aide, as assigned by the STAR experiment (1986-87)"),
                        triedOn = sapply(seq_along(key), function(a) paste(sprintf("star:k-report:%d", tried$id[arm == a]), collapse = ";")))
csv(solutions, "solutions.csv")

note <- function(r) {
  n <- c()
  if (r$readBehind) n <- c(n, sprintf("reading %d in grade 1 (median %d)", r$read1, median1[["read"]]))
  if (r$mathBehind) n <- c(n, sprintf("math %d in grade 1 (median %d)", r$math1, median1[["math"]]))
  paste(n, collapse = ", ")
}
confirmations <- data.frame(sourceKey = sprintf("star:grade1-outcome:%d", tried$id), customer = pupil(tried$id),
                            solution = key[arm], worked = ifelse(tried$caughtUp, "true", "false"),
                            configuration = cfg(tried$id), at = "1987-05-15",
                            note = sapply(seq_len(nrow(tried)), function(i) note(tried[i, ])))
csv(confirmations, "confirmations.csv")

scored <- k[!is.na(k$readk), ]
measurements <- data.frame(sourceKey = sprintf("star:k-reading:%d", scored$id), customer = pupil(scored$id),
                           metric = "reading_score", value = scored$readk, at = "1986-05-15",
                           configuration = cfg(scored$id))
csv(measurements, "measurements.csv")
