# Derives the Peergraph fixture of the PBC domain from the pbc data set of the R package survival
# (Debian: apt-get install r-cran-survival). Run from this folder: Rscript derive.R
# Writes customers.csv, configurations.csv, reports.csv, solutions.csv, confirmations.csv, measurements.csv
# in the generic import format (docs/import-format.md). Only the 312 patients of the randomised trial
# (trt 1 or 2) are kept: the 106 others received no treatment that the trial followed.
library(survival)
data(pbc, package = "survival")
trial <- pbc[!is.na(pbc$trt), ]
trial <- trial[order(trial$id), ]
patient <- function(id) sprintf("pbc-%03d", id)
csv <- function(frame, file) write.csv(frame, file, row.names = FALSE, na = "", fileEncoding = "UTF-8")

customers <- data.frame(handle = c("mayo-pbc-trial", patient(trial$id)),
                        displayName = c("Mayo Clinic PBC trial", sprintf("Patient %d", trial$id)),
                        kind = c("ORGANISATION", rep("PERSON", nrow(trial))))
csv(customers, "customers.csv")

items <- function(r) {
  parts <- c(paste0("sex=", ifelse(r$sex == "f", "female", "male")),
             paste0("age=", floor(r$age)))
  if (!is.na(r$stage)) parts <- c(parts, paste0("stage=stage ", r$stage))
  paste(parts, collapse = ";")
}
configurations <- data.frame(sourceKey = sprintf("pbc:patient:%d", trial$id), owner = patient(trial$id),
                             name = "At trial entry", privacy = "COMMUNITY",
                             items = sapply(seq_len(nrow(trial)), function(i) items(trial[i, ])))
csv(configurations, "configurations.csv")

symptoms <- function(r) {
  s <- c()
  if (r$ascites == 1) s <- c(s, "ascites")
  if (r$hepato == 1) s <- c(s, "hepatomegaly")
  if (r$spiders == 1) s <- c(s, "spider-angiomata")
  if (r$edema == 0.5) s <- c(s, "edema/untreated-or-controlled")
  if (r$edema == 1) s <- c(s, "edema/despite-diuretics")
  paste(s, collapse = ";")
}
reports <- data.frame(sourceKey = sprintf("pbc:entry:%d", trial$id), owner = patient(trial$id),
                      configuration = sprintf("pbc:patient:%d", trial$id), title = "Findings at trial entry",
                      status = ifelse(trial$status == 0, "SOLVED", "CLOSED"), privacy = "COMMUNITY",
                      symptoms = sapply(seq_len(nrow(trial)), function(i) symptoms(trial[i, ])))
csv(reports, "reports.csv")

arm <- c("pbc:treatment:d-penicillamine", "pbc:treatment:placebo")
solutions <- data.frame(sourceKey = arm, proposer = "mayo-pbc-trial",
                        title = c("D-penicillamine", "Placebo"), kind = "OTHER",
                        symptoms = "ascites;hepatomegaly;spider-angiomata;edema",
                        steps = c("D-penicillamine by mouth, as randomised in the Mayo Clinic trial (1974-1984)",
                                  "Placebo by mouth, as randomised in the Mayo Clinic trial (1974-1984)"),
                        triedOn = c(paste(sprintf("pbc:entry:%d", trial$id[trial$trt == 1]), collapse = ";"),
                                    paste(sprintf("pbc:entry:%d", trial$id[trial$trt == 2]), collapse = ";")))
csv(solutions, "solutions.csv")

outcome <- c("alive without transplant", "liver transplant", "died")
confirmations <- data.frame(sourceKey = sprintf("pbc:outcome:%d", trial$id), customer = patient(trial$id),
                            solution = arm[trial$trt], worked = ifelse(trial$status == 0, "true", "false"),
                            configuration = sprintf("pbc:patient:%d", trial$id),
                            note = sprintf("%s after %d days of follow-up", outcome[trial$status + 1], trial$time))
csv(confirmations, "confirmations.csv")

measurements <- data.frame(sourceKey = sprintf("pbc:bilirubin:%d", trial$id), customer = patient(trial$id),
                           metric = "bilirubin", value = trial$bili, unit = "mg/dl",
                           configuration = sprintf("pbc:patient:%d", trial$id))
csv(measurements, "measurements.csv")
