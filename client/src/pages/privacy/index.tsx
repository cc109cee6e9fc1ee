import { View, Text } from '@tarojs/components';
import { CarePage } from '../../components/care-page';
import './index.scss';

const SECTIONS: Array<[string, string]> = [
  ['我们保存什么', '您的评价选项、您填写的意见（选填）、评价时间和评价的窗口。我们不保存您的姓名、电话或微信号。'],
  ['怎样防止重复评价', '系统用您的微信身份计算出一个无法还原的代号（化名），只用来判断同一人是否在同一时段重复评价同一窗口。原始微信身份不会被保存。'],
  ['谁能看到', '被评价单位只能看到本单位汇总的分数、排名和去掉个人信息的意见内容，看不到是谁评价的。评议主管部门可以查看意见原文，每次查看都会记录在案，同样看不到您的身份。'],
  ['意见内容', '请不要在意见中填写姓名、电话、身份证号等个人信息。'],
  ['本机记录', '"我的评价"只保存在您的手机上，用于查看回执。删除小程序或清除数据即可清除。'],
];

/** What is kept about an evaluator and who sees what, in plain words. */
export default function PrivacyPage() {
  return (
    <CarePage className='privacy'>
      {SECTIONS.map(([title, body]) => (
        <View key={title} className='privacy__section'>
          <Text className='privacy__title'>{title}</Text>
          <Text className='privacy__body'>{body}</Text>
        </View>
      ))}
    </CarePage>
  );
}
