/**
 * The staff survey (Evaluate, before and after): the research office runs a campaign of Likert
 * questions from a configured question set for chosen departments; staff answer in Tasklist,
 * anonymously; results are shown only for groups of at least five responses.
 */
package org.trustedresearch.cases.survey;
