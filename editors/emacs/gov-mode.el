;;; gov-mode.el --- a minimal major mode for PolicyLang .gov files -*- lexical-binding: t -*-

;; Comments, strings, words with `-', keyword highlighting and `//' for comment-dwim. Everything else
;; (diagnostics, completion, hover, navigation, rename, formatting, quick fixes) comes from `policyc lsp'
;; through eglot; see docs/editor.md.

;;; Code:

(defvar gov-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" table)   ; // and /* */ comments
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?- "_" table)        ; storage-class, nist-csf-1.1 are one symbol
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    table))

(defconst gov-keywords
  '("policy" "classification" "role" "store" "dataset" "audit" "backup" "controls" "approval" "change" "test" "history"
    "name" "version" "owner" "review" "every" "frameworks" "description" "schedule" "connection" "tls" "bucket" "region" "endpoint"
    "storage-class" "encryption" "file" "path" "steward" "key" "column" "table" "collection" "prefix"
    "tamper-evident" "tool" "offsite" "restore-test" "keep" "covers" "expect" "retain" "mask" "grant" "require"
    "evidence" "waive" "row" "passes" "fails" "archive" "delete" "anonymize" "then" "rows" "objects" "object-age"
    "csharp" "at" "least" "unique" "between" "and" "in" "matches" "references" "fresher" "than" "not" "or" "as"
    "severity" "tolerance" "by" "to" "with" "on" "until" "last" "pii" "null" "env"
    "most" "mean" "min" "max" "sum" "stddev" "median" "quantile" "count" "distinct" "fraction"
    "is" "where" "of" "all" "applicable" "now" "today" "incremental" "watermark"
    "length" "parses" "date" "json" "number" "strictly" "increasing" "decreasing"
    "minute" "minutes" "hour" "hours" "day" "days" "week" "weeks" "month" "months" "year" "years"))

(defun gov-indent-line ()
  "Indent the current line by two spaces per enclosing brace, bracket or parenthesis."
  (let* ((depth (save-excursion (back-to-indentation) (car (syntax-ppss))))
         (closing (save-excursion (back-to-indentation) (looking-at-p "[]})]")))
         (column (* 2 (max 0 (- depth (if closing 1 0))))))
    (if (<= (current-column) (current-indentation))
        (indent-line-to column)
      (save-excursion (indent-line-to column)))))

(define-derived-mode gov-mode prog-mode "Gov"
  "Major mode for PolicyLang governance policies (.gov)."
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local indent-tabs-mode nil)
  (setq-local indent-line-function #'gov-indent-line)
  (setq-local font-lock-defaults
              `(((,(concat "\\_<" (regexp-opt gov-keywords) "\\_>") . font-lock-keyword-face)
                 ("\\_<[0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\_>" . font-lock-constant-face)
                 ("\\_<-?[0-9]+\\(\\.[0-9]+\\)?%?" . font-lock-constant-face)))))

(add-to-list 'auto-mode-alist '("\\.gov\\'" . gov-mode))
(provide 'gov-mode)
;;; gov-mode.el ends here
