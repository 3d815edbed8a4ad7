@echo off
rem `conndoctor` for help desks: the console program of Connection Doctor, with every argument.
"%~dp0..\conndoctor-cli.exe" %*
