"""The quiz: a question bank (quizzes/*.yaml), grading, FSRS scheduling and sessions.

bank      load + validate the YAML bank          expr      safe expressions (AST whitelist)
grade     normalize and check each format         schedule  FSRS cards and the reviews store
session   the interactive and scripted loops      stats     retention, due forecast, weak topics
view      every Rich view of the quiz             verify    run the bank's PyTorch checks (tests)
commands  the `dlquiz quiz` Typer commands        anki      optional genanki export
"""
