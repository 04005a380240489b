package org.trustedresearch.cases.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Attachment;
import org.springframework.stereotype.Component;

/**
 * A task's attachments and comments belong to the task. Camunda 7 checks no authorization when they
 * are added, read or removed, so anyone who can read a case's history could attach files to, or
 * delete files from, a review they have no part in (a manager, the requester). Here adding or
 * removing needs the right to work the task, and reading needs the right to read it, as long as the
 * task is open; once it is done, they are part of the case's history. Attachments and comments on
 * a process instance itself need the right to change the instance.
 */
@Component
class TaskRecordAccess extends AbstractProcessEnginePlugin {

  /** What each guarded command needs: reading the task, or working on it. */
  private static final Map<Class<?>, Boolean> WRITES = Map.ofEntries(
      Map.entry(CreateAttachmentCmd.class, true), Map.entry(DeleteAttachmentCmd.class, true),
      Map.entry(SaveAttachmentCmd.class, true), Map.entry(AddCommentCmd.class, true),
      Map.entry(GetTaskAttachmentsCmd.class, false), Map.entry(GetTaskAttachmentCmd.class, false),
      Map.entry(GetTaskAttachmentContentCmd.class, false), Map.entry(GetAttachmentCmd.class, false),
      Map.entry(GetAttachmentContentCmd.class, false), Map.entry(GetTaskCommentsCmd.class, false),
      Map.entry(GetTaskCommentCmd.class, false));

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Guard());
  }

  static class Guard extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      Boolean writes = WRITES.get(command.getClass());
      if (writes != null) {
        check(Context.getCommandContext(), command, writes);
      }
      return next.execute(command);
    }

    private static void check(CommandContext context, Command<?> command, boolean writes) {
      String taskId = field(command, "taskId");
      String processInstanceId = field(command, "processInstanceId");
      String attachmentId = field(command, "attachmentId");
      if (command instanceof SaveAttachmentCmd) {
        Attachment attachment = field(command, "attachment");
        attachmentId = attachment == null ? null : attachment.getId();
      }
      if (taskId == null && attachmentId != null) {
        AttachmentEntity attachment = context.getDbEntityManager().selectById(AttachmentEntity.class, attachmentId);
        if (attachment != null) {
          taskId = attachment.getTaskId();
          processInstanceId = attachment.getProcessInstanceId();
        }
      }
      List<CommandChecker> checkers = context.getProcessEngineConfiguration().getCommandCheckers();
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      if (task != null) {
        BiConsumer<CommandChecker, TaskEntity> rule = writes ? CommandChecker::checkTaskWork : CommandChecker::checkReadTask;
        checkers.forEach(checker -> rule.accept(checker, task));
      } else if (taskId == null && processInstanceId != null && writes) {
        String instance = processInstanceId;
        checkers.forEach(checker -> checker.checkUpdateProcessInstanceById(instance));
      }
    }

    @SuppressWarnings("unchecked")
    private static <V> V field(Object command, String name) {
      for (Class<?> type = command.getClass(); type != Object.class; type = type.getSuperclass()) {
        try {
          Field field = type.getDeclaredField(name);
          field.setAccessible(true);
          return (V) field.get(command);
        } catch (NoSuchFieldException e) {
          // declared higher up, or not at all
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getSimpleName(), e);
        }
      }
      return null;
    }
  }
}
